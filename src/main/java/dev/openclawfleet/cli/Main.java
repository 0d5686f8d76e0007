package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.CurrentUser;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Entry point: wires the real environment into the commands and maps failures to exit codes. */
public final class Main {
    /**
     * picocli registers converters for java.sql and java.time types by reflection when it builds a
     * parser, loading a few dozen classes no command needs (CommandLine.BuiltIn.excluded).
     */
    static final String CONVERTERS_NOT_NEEDED = "java\\..*";

    /** Set by a command that registered a shutdown hook (metrics --serve): the run must end with System.exit. */
    private static volatile boolean shutdownHooks;

    private Main() {
    }

    /** For a command that registers a shutdown hook: the JVM then ends with System.exit, which runs it, not halt. */
    static void usesShutdownHooks() {
        shutdownHooks = true;
    }

    public static void main(String[] args) {
        System.setProperty("picocli.converters.excludes", CONVERTERS_NOT_NEEDED);
        System.setProperty("picocli.disable.closures", "true"); // no Class.forName("groovy.lang.Closure") and its exception
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Terminal.checkStartupCache(err);
        Map<String, String> env = System.getenv();
        CliContext context = new CliContext(env, out, err, Terminal.isTerminal(), CurrentUser.detect(env),
                Path.of("").toAbsolutePath(), System.in);
        int code = run(context, args);
        out.flush();
        err.flush();
        if (shutdownHooks || Boolean.getBoolean("fleet.systemExit")) {
            System.exit(code); // lets shutdown hooks run, e.g. to write a JFR recording (bench/jfr_top.py)
        }
        // Java 21+ logs every System.exit through System.Logger: setting that up loads some 300
        // classes, 20-30 ms of a 100 ms run. Only metrics --serve has a shutdown hook; all output is flushed.
        Runtime.getRuntime().halt(code);
    }

    /** Runs one command line and returns its exit code; never exits the JVM. */
    public static int run(CliContext context, String... args) {
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        CommandLine cli = FleetCommand.commandLine(context, args);
        CommandSpec command = cli.getCommandSpec();
        try {
            ParseResult parsed = cli.parseArgs(args);
            while (parsed.hasSubcommand()) {
                if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                    break;
                }
                parsed = parsed.subcommand();
            }
            command = parsed.commandSpec();
            if (parsed.isVersionHelpRequested()) {
                context.out().println(Version.text());
                return ExitCodes.OK;
            }
            if (parsed.isUsageHelpRequested() || !(command.userObject() instanceof Subcommand)) {
                Help.print(command.commandLine(), context);
                return ExitCodes.OK;
            }
            return ((Subcommand) command.userObject()).call(new Args(command, context, CliDefaults.of(context)));
        } catch (ParameterException e) {
            CommandSpec failed = e.getCommandLine().getCommandSpec();
            context.err().println(failed.qualifiedName() + ": " + Text.printable(message(e, failed), 500));
            context.err().println("Try '" + failed.qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        } catch (FleetException e) {
            context.err().println(command.qualifiedName() + ": " + Text.printable(e.getMessage(), 1000));
            if (stacktrace) {
                e.printStackTrace(context.err());
            }
            return e.exitCode();
        } catch (Exception e) {
            // No Java class name here: the user gets a sentence, --stacktrace the details.
            context.err().println(command.qualifiedName() + ": an unexpected error stopped the command"
                    + (e.getMessage() == null ? "" : ": " + Text.printable(e.getMessage(), 300))
                    + (stacktrace ? "" : " (run again with --stacktrace for details)"));
            if (stacktrace) {
                e.printStackTrace(context.err());
            }
            return ExitCodes.OPERATIONAL;
        }
    }

    /** picocli's message, or for a mistyped command or option, ours with the nearest names. */
    private static String message(ParameterException e, CommandSpec failed) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String typed = unmatched.getUnmatched().get(0);
        if (typed.startsWith("-") && typed.length() > 1) {
            return "unknown option '" + OutputFormat.shown(typed) + "'" + Suggestions.didYouMean(typed, optionNames(failed), "'");
        }
        if (failed.parent() == null) {
            return "'" + OutputFormat.shown(typed) + "' is not a fleet command" + Suggestions.didYouMean(typed, FleetCommand.NAMES, "'");
        }
        if (!failed.subcommands().isEmpty() && failed.positionalParameters().isEmpty()) { // fleet monitor instal
            return "'" + OutputFormat.shown(typed) + "' is not a " + failed.qualifiedName() + " command"
                    + Suggestions.didYouMean(typed, List.copyOf(failed.subcommands().keySet()), "'");
        }
        return e.getMessage();
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.addAll(Arrays.asList(option.names()));
            }
        }
        return names;
    }
}
