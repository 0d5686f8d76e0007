package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.CurrentUser;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Entry point: wires the real environment into the commands and maps failures to exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        CliContext context = new CliContext(env, out, err, System.console() != null, CurrentUser.detect(env),
                Path.of("").toAbsolutePath(), System.in);
        int code = run(context, args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; never exits the JVM. */
    public static int run(CliContext context, String... args) {
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        CommandLine cli = FleetCommand.commandLine(context, args);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new java.io.PrintWriter(context.out(), true));
        cli.setErr(new java.io.PrintWriter(context.err(), true));
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + Text.printable(e.getMessage(), 500));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            String command = failed.getCommandSpec().qualifiedName();
            if (e instanceof FleetException fe) {
                failed.getErr().println(command + ": " + Text.printable(fe.getMessage(), 1000));
                if (stacktrace) {
                    e.printStackTrace(failed.getErr());
                }
                return fe.exitCode();
            }
            // No Java class name here: the user gets a sentence, --stacktrace the details.
            failed.getErr().println(command + ": an unexpected error stopped the command"
                    + (e.getMessage() == null ? "" : ": " + Text.printable(e.getMessage(), 300))
                    + (stacktrace ? "" : " (run again with --stacktrace for details)"));
            if (stacktrace) {
                e.printStackTrace(failed.getErr());
            }
            return ExitCodes.OPERATIONAL;
        });
        return cli.execute(args);
    }
}
