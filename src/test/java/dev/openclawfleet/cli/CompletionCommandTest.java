package dev.openclawfleet.cli;

import dev.openclawfleet.dist.CommandDoc;
import dev.openclawfleet.dist.CommandDoc.ValueKind;
import dev.openclawfleet.dist.ManPage;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `fleet completion`, the command tree it is written from, and the man pages written from the same tree. */
class CompletionCommandTest {
    @TempDir
    Path tmp;

    static CommandDoc tree() {
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        return CommandTree.of(new CliContext(Map.of(), nowhere, nowhere, false,
                dev.openclawfleet.system.CurrentUser.detect(Map.of()), Path.of(".")));
    }

    @Test
    void printsAScriptPerShellWithEveryCommandAndOption() {
        CommandDoc tree = tree();
        for (String shell : new String[]{"bash", "zsh", "fish"}) {
            CliRun.Result run = new CliRun().run("completion", shell);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as(shell).contains(shell + " completion for fleet");
            for (CommandDoc command : tree.subcommands()) {
                assertThat(run.out()).as(shell + " has " + command.name()).contains(command.name());
                command.options().forEach(o -> assertThat(run.out()).as(shell + " " + command.name() + " " + o.longName())
                        .contains(shell.equals("fish") && o.longName().startsWith("--") ? "-l " + o.longName().substring(2) : o.longName()));
            }
        }
        assertThat(new CliRun().run("completion", "zsh").out()).startsWith("#compdef fleet\n");
    }

    @Test
    void anUnknownOrMissingShellIsAUsageError() {
        CliRun.Result unknown = new CliRun().run("completion", "tcsh");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("fleet completion: no completion for 'tcsh': bash, zsh or fish\n");
        assertThat(new CliRun().run("completion").exitCode()).isEqualTo(2);
        assertThat(new CliRun().run("completion", "--help").out()).contains("bash|zsh|fish").doesNotContain("--instances");
    }

    @Test
    void valuesCompleteFromTheirLabels() {
        CommandDoc tree = tree();
        CommandDoc lint = command(tree, "lint");
        assertThat(option(lint, "--format").choices()).containsExactly("text", "json", "sarif", "github");
        assertThat(option(lint, "--ignore").choices()).contains("port-spacing", "keep-alive");
        assertThat(lint.positionals().get(0).kind()).isEqualTo(ValueKind.FILE);
        assertThat(option(command(tree, "audit"), "--root").kind()).isEqualTo(ValueKind.DIRECTORY);
        assertThat(option(command(tree, "audit"), "--domain").choices()).containsExactly("gui", "user");
        assertThat(option(command(tree, "add-instance"), "--from").kind()).isEqualTo(ValueKind.INSTANCE);
        assertThat(command(tree, "add-instance").positionals().get(0).kind()).isEqualTo(ValueKind.NONE); // a new name
        for (String name : CommandTree.INSTANCE_COMMANDS) {
            CommandDoc.ParamDoc first = command(tree, name).positionals().get(0);
            assertThat(first.label()).as(name).isEqualTo("NAME");
            assertThat(first.kind()).as(name).isEqualTo(ValueKind.INSTANCE);
        }
        assertThat(tree.subcommands()).extracting(CommandDoc::name).doesNotContain("help").contains("completion");
    }

    @Test
    void instanceNamesComeFromThePlistsAlone() {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("critic", 18809).write();
        FleetFixture.write(fleet.agents.resolve("com.example.backup.plist"),
                "<?xml version=\"1.0\"?><plist><dict><key>Label</key><string>com.example.backup</string></dict></plist>", "rw-r--r--");
        CliRun.Result run = new CliRun().run("completion", "--instances", "--agents-dir", fleet.agents.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("critic\nluca\n");
        CliRun.Result none = new CliRun().run("completion", "--instances", "--agents-dir", tmp.resolve("missing").toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out() + none.err()).isEmpty();
    }

    @Test
    void manPagesCoverEveryCommandWithTroffEscapes() {
        CommandDoc tree = tree();
        Map<String, String> pages = ManPage.pages(tree, "1.2.3");
        assertThat(pages).containsKeys("fleet.1", "fleet-lint.1", "fleet-completion.1").hasSize(tree.subcommands().size() + 1);
        String lint = pages.get("fleet-lint.1");
        assertThat(lint).startsWith(".\\\" Generated").contains(".TH \"FLEET\\-LINT\" \"1\" \"\" \"openclaw\\-fleet 1.2.3\"")
                .contains("\\fB\\-\\-allow\\-empty\\fR").contains(".SH EXIT STATUS").contains(".SH EXAMPLES");
        // No line of text may start with a dot or quote that troff would read as a request.
        pages.values().forEach(page -> page.lines().filter(l -> l.startsWith("'")).forEach(l -> assertThat(l).startsWith("\\&")));
    }

    private static CommandDoc command(CommandDoc tree, String name) {
        return tree.subcommands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static CommandDoc.OptionDoc option(CommandDoc command, String name) {
        return command.options().stream().filter(o -> o.names().contains(name)).findFirst().orElseThrow();
    }
}
