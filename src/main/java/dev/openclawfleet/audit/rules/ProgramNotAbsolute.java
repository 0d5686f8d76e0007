package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * The program (or node, or the entry script) is not an absolute path. launchd runs jobs with
 * PATH=/usr/bin:/bin:/usr/sbin:/sbin, where Homebrew's and nvm's node are not found.
 * Paths starting with {@code ~} or {@code $} are left to unexpanded-path. Behind a user's own
 * wrapper script only the script itself is checked: it sets up the PATH that finds node.
 */
public final class ProgramNotAbsolute implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("program-not-absolute", Severity.ERROR, RuleScope.PLIST,
            "the program, node or entry script is not an absolute path",
            "use absolute paths, e.g. the output of `command -v node` and the real path of the openclaw entry script");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g)) {
            return List.of();
        }
        Instance instance = g.instance();
        GatewayCommand command = instance.command();
        List<Finding> out = new ArrayList<>();
        String program = instance.job().program().orElse(command.executable());
        check(out, instance, "the program", program, "launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin) will not find it",
                instance.job().program().isPresent() ? KeyPath.key("Program") : PlistKeys.PROGRAM_ARGUMENTS.index(0));
        if (command.form() == GatewayCommand.Form.USER_WRAPPER) {
            return out; // what a user's own wrapper script runs, and with which PATH, is the script's business
        }
        if (command.node() != null && !command.node().equals(program)) {
            check(out, instance, "node", command.node(), "the wrapper's PATH may not find it", PlistKeys.argument(instance, command.node()));
        }
        if (command.entry() != null) {
            check(out, instance, "the entry script", command.entry(), "it resolves against the job's working directory",
                    PlistKeys.argument(instance, command.entry()));
        }
        return out;
    }

    private static void check(List<Finding> out, Instance instance, String what, String path, String why, KeyPath key) {
        if (path == null || path.startsWith("/") || path.startsWith("~") || path.startsWith("$")) {
            return;
        }
        out.add(Findings.about(INFO, instance, what + " '" + Text.printable(path, 120) + "' is not an absolute path: " + why).at(key));
    }
}
