package dev.openclawfleet.cli;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help that fits 80 columns and shows only what a command uses, did-you-mean, and the FLEET_* defaults. */
class HelpAndDefaultsTest {
    @TempDir
    Path tmp;

    private CliRun cli() {
        return new CliRun().home(tmp.resolve("home")).cwd(tmp).env("FLEET_ROOT", null).env("FLEET_AGENTS_DIR", null)
                .env("FLEET_DOMAIN", null).env("NO_COLOR", null);
    }

    @Test
    void everyHelpFitsEightyColumns() {
        List<String> helps = new java.util.ArrayList<>();
        helps.add(cli().run("--help").out());
        for (String name : FleetCommand.NAMES) {
            CliRun.Result r = cli().run(name, "--help");
            assertThat(r.exitCode()).as(name).isZero();
            assertThat(r.out()).as(name).startsWith(r.out().lines().findFirst().orElseThrow()).contains("Usage: fleet " + name);
            assertThat(cli().run("help", name).out()).as("help " + name).isEqualTo(r.out());
            helps.add(r.out());
        }
        for (String sub : List.of("install", "uninstall", "status")) {
            CliRun.Result r = cli().run("monitor", sub, "--help");
            assertThat(r.out()).as(sub).contains("Usage: fleet monitor " + sub);
            helps.add(r.out());
        }
        for (String help : helps) {
            help.lines().forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
            help.lines().forEach(line -> assertThat(line).as("no trailing blanks").isEqualTo(line.stripTrailing()));
        }
    }

    @Test
    void theTopHelpEndsWithGettingStartedAndShowsTheDefaultsInUse() {
        String plain = cli().run("--help").out();
        assertThat(plain).contains("Getting started on a Mac:").contains("fleet add-instance luca")
                .containsPattern("--root +" + Path.of(tmp.resolve("home").toString(), ".openclaw"))
                .containsPattern("--domain +gui\n");
        assertThat(cli().run().out()).as("no arguments: the same help").isEqualTo(plain);

        CliRun.Result custom = cli().env("FLEET_ROOT", "bots").env("FLEET_DOMAIN", "user").run("--help");
        assertThat(custom.out()).contains("--root        " + tmp.resolve("bots") + "  (from $FLEET_ROOT)")
                .contains("--domain      user  (from $FLEET_DOMAIN)");
        assertThat(words(cli().env("FLEET_AGENTS_DIR", "/srv/agents").run("audit", "--help").out()))
                .contains("(default: /srv/agents, from $FLEET_AGENTS_DIR)");
        assertThat(words(cli().run("audit", "--help").out())).contains("(default: ~/Library/LaunchAgents, or $FLEET_AGENTS_DIR)");
    }

    @Test
    void eachCommandShowsOnlyTheOptionsItUses() {
        for (String auditing : List.of("audit", "list", "status", "add-instance")) {
            assertThat(cli().run(auditing, "--help").out()).as(auditing).contains("--crash-loop-runs").contains("--domain");
        }
        for (String calling : List.of("start", "stop", "restart", "remove-instance", "restore")) {
            assertThat(cli().run(calling, "--help").out()).as(calling).doesNotContain("--crash-loop").contains("--domain")
                    .contains("--timeout").contains("--format");
        }
        for (String files : List.of("logs", "backup", "use")) {
            assertThat(cli().run(files, "--help").out()).as(files).doesNotContain("--crash-loop").doesNotContain("--domain")
                    .doesNotContain("--timeout").contains("--root");
        }
        assertThat(cli().run("stop", "--help").out()).doesNotContain("--wait");
        assertThat(cli().run("lint", "--help").out()).doesNotContain("--root").doesNotContain("--domain").contains("--ignore");
        assertThat(cli().run("rules", "--help").out()).contains("--format").doesNotContain("--json");
    }

    @Test
    void hiddenOptionsStillWorkSoThatOldScriptsDo() throws Exception {
        Path agents = FleetFixture.in(tmp).agents;
        FleetFixture.in(tmp).instance("luca", 18789).write();
        Path home = Files.createDirectories(tmp.resolve("home"));
        CliRun.Result backup = cli().run("backup", "luca", "--agents-dir", agents.toString(), "--root", FleetFixture.in(tmp).root.toString(),
                "--domain", "user", "--timeout", "5", "--crash-loop-runs", "4", "-o", home.resolve("b.tar.gz").toString());
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(cli().run("rules", "--json").exitCode()).isZero();
    }

    @Test
    void didYouMeanForCommandsOptionsAndRuleIds() {
        CliRun.Result command = cli().run("lsit");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).startsWith("fleet: 'lsit' is not a fleet command. Did you mean 'list'?\n")
                .contains("Try 'fleet --help'");
        assertThat(cli().run("stat", "luca").err()).contains("Did you mean 'status' or 'start'?");
        assertThat(cli().run("add", "luca").err()).contains("Did you mean 'add-instance'?");
        assertThat(cli().run("frobnicate").err()).startsWith("fleet: 'frobnicate' is not a fleet command\n");

        CliRun.Result sub = cli().run("monitor", "instal");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).startsWith("fleet monitor: 'instal' is not a fleet monitor command. Did you mean 'install'?\n");

        CliRun.Result option = cli().run("lint", "--strcit", "launchagents");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).startsWith("fleet lint: unknown option '--strcit'. Did you mean '--strict'?\n")
                .contains("Try 'fleet lint --help'");
        assertThat(cli().run("audit", "--ofline").err()).contains("Did you mean '--offline'?");
        assertThat(cli().run("list", "--formt", "json").err()).contains("Did you mean '--format'?");

        CliRun.Result rule = cli().run("lint", "--ignore", "port-spacng", "launchagents");
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err()).contains("unknown rule 'port-spacng'").contains("Did you mean 'port-spacing'?");

        CliRun.Result help = cli().run("help", "lsit");
        assertThat(help.exitCode()).isEqualTo(2);
        assertThat(help.err()).contains("Did you mean 'list'?");
        assertThat(Suggestions.closest("restrat", FleetCommand.NAMES)).first().isEqualTo("restart");
    }

    @Test
    void environmentDefaultsAndOptionsWin() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        CliRun fromEnv = cli().env("FLEET_ROOT", fleet.root.toString()).env("FLEET_AGENTS_DIR", fleet.agents.toString());
        CliRun.Result audit = fromEnv.run("audit", "--offline");
        assertThat(audit.exitCode()).as(audit.all()).isZero();
        assertThat(audit.out()).contains("luca  ai.openclaw.luca").contains("1 instance");

        Path other = Files.createDirectories(tmp.resolve("other-agents"));
        CliRun.Result optionWins = fromEnv.run("list", "--offline", "--agents-dir", other.toString());
        assertThat(optionWins.out()).startsWith("No OpenClaw gateway instances in " + other + ". `fleet add-instance NAME` creates one.");

        CliRun.Result badDomain = fromEnv.env("FLEET_DOMAIN", "system").run("audit");
        assertThat(badDomain.exitCode()).isEqualTo(2);
        assertThat(badDomain.err()).contains("$FLEET_DOMAIN must be gui or user, not 'system'");
        assertThat(fromEnv.env("FLEET_DOMAIN", "system").run("audit", "--domain", "gui", "--offline").exitCode()).as("the option wins")
                .isZero();
    }

    @Test
    void listIsColouredOnATerminalOnly() {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("ops", 18829).plist(p -> p.put("RunAtLoad", false)).plist(p -> p.put("KeepAlive", false)).write();
        String[] args = {"list", "--offline", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()};
        String coloured = cli().terminal(true).env("TERM", "xterm").run(args).out();
        assertThat(coloured).contains("\u001b[1mluca\u001b[0m").contains("\u001b[31m2\u001b[0m");
        String plain = cli().terminal(false).run(args).out();
        assertThat(plain).doesNotContain("\u001b[").containsPattern("(?m)^ops +ai\\.openclaw\\.ops +18829 +- +- +- +- +- +2$");
        assertThat(cli().terminal(true).env("TERM", "xterm").run(append(args, "--no-color")).out()).isEqualTo(plain);
        assertThat(cli().terminal(true).env("NO_COLOR", "1").run(args).out()).isEqualTo(plain);
    }

    @Test
    void theFullCommandTreeHasEverySubcommand() {
        CommandLine tree = FleetCommand.fullCommandLine(new CliRun().context());
        assertThat(tree.getSubcommands().keySet()).containsExactlyElementsOf(FleetCommand.NAMES);
        assertThat(tree.getSubcommands().get("audit").getCommandSpec().findOption("--crash-loop-runs")).isNotNull();
    }

    /** The help's words with single spaces, whatever the wrapping. */
    private static String words(String help) {
        return help.replaceAll("\\s+", " ");
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
