package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * StandardOutPath or StandardErrorPath is missing (launchd then discards the gateway's output,
 * and with it every crash reason) or, for our instances, lies outside the state dir.
 */
public final class LogPath implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("log-path", Severity.ERROR, RuleScope.PLIST,
            "StandardOutPath or StandardErrorPath is missing or outside the instance's state dir",
            "set StandardOutPath to STATE/logs/gateway.log and StandardErrorPath to STATE/logs/gateway.err.log");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() != JobKind.FLEET) {
            return List.of(); // where logs go is our contract; OpenClaw's own jobs log where its installer put them
        }
        Instance instance = g.instance();
        List<Finding> out = new ArrayList<>();
        check(out, instance, "StandardOutPath", instance.job().standardOutPath());
        check(out, instance, "StandardErrorPath", instance.job().standardErrorPath());
        return out;
    }

    private static void check(List<Finding> out, Instance instance, String key, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            out.add(Findings.about(INFO, instance, key + " is missing: launchd discards the gateway's output, and with it the"
                    + " reason of every crash").at(KeyPath.key(key)));
            return;
        }
        if (instance.stateDir() == null || Unexpanded.has(value.get())
                || Unexpanded.has(instance.stateDir().toString())) {
            return;
        }
        Path log;
        try {
            log = Path.of(value.get()).normalize();
        } catch (InvalidPathException e) {
            return;
        }
        if (!log.startsWith(instance.stateDir()) || log.equals(instance.stateDir())) {
            out.add(Findings.about(INFO, instance, key + " " + Text.printable(value.get(), 120) + " is outside the state dir "
                    + instance.stateDir() + ": the instance's logs must stay with its state").at(KeyPath.key(key)));
        }
    }
}
