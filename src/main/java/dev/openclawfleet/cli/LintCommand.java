package dev.openclawfleet.cli;

import dev.openclawfleet.app.Lint;
import dev.openclawfleet.model.Report;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;

/** `fleet lint PATH...`: checks plist files on their own and against each other, for CI. */
final class LintCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "lint", "Check plist files on their own and against each other (for CI).",
                "Check OpenClaw LaunchAgent plists: each file on its own, then labels, ports and state dirs across files. "
                        + "Reads only the plists (no state dirs, no launchd), so it runs anywhere, CI included.");
        spec.addPositional(Specs.positional("0..*", "1..*", "PATH", "Plist files, or directories whose *.plist files are linted."));
        spec.addOption(Specs.flag("Descend into subdirectories.", "-r", "--recursive"));
        spec.addOption(Specs.flag("Exit 0 when the paths hold no *.plist file (by default that fails, exit 1).", "--allow-empty"));
        ReportOptions.addTo(spec);
        Specs.standard(spec);
        Specs.examples(spec, "fleet lint launchagents/", "fleet lint --format sarif launchagents/ > fleet.sarif",
                "fleet lint --recursive --strict --ignore port-spacing deploy/");
        return spec;
    }

    @Override
    public int call(Args args) {
        ReportOptions report = ReportOptions.from(args);
        List<Path> paths = args.positionals(0).stream().map(Path::of).toList(); // kept as typed: findings point where the user looks
        Report result = Lint.run(paths, args.flag("--recursive"), report.ignored(), args.context().user().uid(),
                args.flag("--allow-empty"));
        return ReportPrinter.print(args.context(), report, "lint", result);
    }
}
