package dev.openclawfleet.cli;

import dev.openclawfleet.app.Lint;
import dev.openclawfleet.model.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `fleet lint PATH...`: checks plist files on their own and against each other, for CI. */
@Command(name = "lint", header = "Check plist files on their own and against each other (for CI).", sortOptions = false,
        description = {"Check OpenClaw LaunchAgent plists: each file on its own, then labels, ports and state dirs across files.",
                "Reads only the plists (no state dirs, no launchd), so it runs anywhere, CI included."},
        footer = {"", "Examples:", "  fleet lint launchagents/", "  fleet lint --format sarif launchagents/ > fleet.sarif",
                "  fleet lint --recursive --strict --ignore port-spacing deploy/"})
public final class LintCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Spec
    CommandSpec spec;
    @Mixin
    ReportOptions report;
    @Mixin
    GlobalOptions global;

    @Option(names = {"-r", "--recursive"}, description = "Descend into subdirectories.")
    boolean recursive;

    @Option(names = "--allow-empty", description = "Exit 0 when the paths hold no *.plist file (by default that fails, exit 1).")
    boolean allowEmpty;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Plist files, or directories whose *.plist files are linted.")
    List<String> paths;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<Path> resolved = paths.stream().map(Path::of).toList(); // kept as typed, so findings point where the user looks
        Report result = Lint.run(resolved, recursive, report.ignored(spec.commandLine()), context.user().uid(), allowEmpty);
        return ReportPrinter.print(context, report, "lint", result);
    }
}
