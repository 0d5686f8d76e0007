package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * ProgramArguments is not the contract form {@code [node, entry, gateway, --port, P]}. The form
 * is our contract: OpenClaw's own jobs (kind openclaw) get an info naming the form instead.
 */
public final class ProgramArguments implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("program-arguments", Severity.ERROR, RuleScope.PLIST,
            "a fleet instance's ProgramArguments is not [node, openclaw entry, gateway, --port, P]",
            "set ProgramArguments to [/absolute/node, /absolute/openclaw/dist/index.js, gateway, --port, PORT]"
                    + " (`fleet generate` writes it)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() == JobKind.LEGACY) {
            return List.of();
        }
        Instance instance = g.instance();
        if (instance.kind() == JobKind.OPENCLAW) {
            // The ProgramArguments form is our contract; OpenClaw's own jobs only get told which form we recognised.
            return List.of(Findings.about(INFO, instance, openClawForm(instance.command())).withSeverity(Severity.INFO)
                    .withFix("nothing to do; manage it with `openclaw gateway`, or move it into the fleet with `fleet add-instance`")
                    .at(PlistKeys.PROGRAM_ARGUMENTS));
        }
        if (instance.command().form() == GatewayCommand.Form.CONTRACT) {
            return List.of();
        }
        boolean onlyProgram = !instance.job().has("ProgramArguments") && instance.job().has("Program");
        return List.of(Findings.about(INFO, instance, describe(instance))
                .at(onlyProgram ? KeyPath.key("Program") : PlistKeys.PROGRAM_ARGUMENTS));
    }

    /** One line on the form of an OpenClaw-written (or user-wrapped) gateway job. */
    static String openClawForm(GatewayCommand command) {
        return switch (command.form()) {
            case OPENCLAW_WRAPPER, OPENCLAW_WRAPPER_FIRST -> "OpenClaw's own service form (written by `openclaw gateway install`): it runs "
                    + command.wrapper() + " and reads its environment from " + command.envFile();
            case USER_WRAPPER -> "OpenClaw gateway run through your own wrapper " + command.wrapper()
                    + (command.envFile() == null ? "" : " with " + command.envFile()) + ": not the fleet contract form, checked as OpenClaw's own job";
            case CONTRACT -> "OpenClaw's own direct form (written by `openclaw gateway install` in 2026.1 to 2026.6): node runs the"
                    + " gateway with its environment inline in the plist";
            default -> "OpenClaw's own gateway job in a form of its own: not the fleet contract form, checked as OpenClaw's own job";
        };
    }

    private static String describe(Instance instance) {
        Object raw = instance.job().raw("ProgramArguments");
        if (raw == null) {
            return instance.job().has("Program")
                    ? "no ProgramArguments, only Program: the gateway gets no `gateway --port` arguments"
                    : "no ProgramArguments and no Program: launchd refuses the job (error 111)";
        }
        if (instance.job().programArguments().isEmpty()) {
            return "ProgramArguments is not an array of strings: launchd refuses the job (error 111)";
        }
        List<String> args = instance.command().arguments();
        if (args.isEmpty()) {
            return "ProgramArguments is empty: launchd refuses the job (error 111)";
        }
        String first = args.get(0);
        String base = first.substring(first.lastIndexOf('/') + 1);
        if (base.equals("openclaw")) {
            return "runs the `openclaw` launcher, a `#!/usr/bin/env node` script: under launchd's PATH"
                    + " (/usr/bin:/bin:/usr/sbin:/sbin) env finds no node and the job exits 127";
        }
        if (!args.contains("gateway")) {
            return "ProgramArguments does not run the `gateway` subcommand";
        }
        return "ProgramArguments is " + args.size() + " items starting with '" + first
                + "', not [node, entry, gateway, --port, P]";
    }
}
