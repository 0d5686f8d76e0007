package dev.openclawfleet.render;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Text output is grouped by plist file: two plists with one name each get their own block, and errors never sit under "ok". */
class TextGroupingTest {
    @TempDir
    Path tmp;

    @Test
    void twoPlistsNamedAlikeFromTwoFoldersGetABlockEach() {
        FleetFixture good = FleetFixture.in(tmp.resolve("a"));
        FleetFixture bad = FleetFixture.in(tmp.resolve("b"));
        Path okPlist = good.instance("luca", 18789).write();
        Path badPlist = bad.instance("luca", 18889).plist(p -> p.remove("KeepAlive")).write();
        CliRun.Result r = new CliRun().env("NO_COLOR", "1").run("lint", good.agents.toString(), bad.agents.toString());
        String out = r.out();
        int okBlock = out.indexOf("luca  ai.openclaw.luca  port 18789  " + okPlist);
        int badBlock = out.indexOf("luca  ai.openclaw.luca  port 18889  " + badPlist);
        assertThat(okBlock).as(out).isNotNegative();
        assertThat(badBlock).as(out).isNotNegative();
        String badText = out.substring(badBlock, out.indexOf("\n\n", badBlock));
        String okText = out.substring(okBlock, out.indexOf("\n\n", okBlock));
        assertThat(badText).contains("error    keep-alive").doesNotContain("  ok");
        assertThat(okText).doesNotContain("keep-alive");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aConsequenceFoldedUnderASharedRootLeavesALineInItsInstancesBlock() {
        FleetFixture fleet = FleetFixture.in(tmp.resolve("shared"));
        fleet.instance("luca", 18789).write();
        Path lucas = fleet.root.resolve(".openclaw-luca");
        fleet.instance("critic", 18809).env("OPENCLAW_STATE_DIR", lucas.toString())
                .env("OPENCLAW_CONFIG_PATH", lucas.resolve("openclaw.json").toString())
                .plist(p -> {
                    p.put("WorkingDirectory", lucas.toString());
                    p.put("StandardOutPath", lucas.resolve("logs/gateway.log").toString());
                    p.put("StandardErrorPath", lucas.resolve("logs/gateway.err.log").toString());
                }).noStateDir().write(); // critic on luca's state dir: luca's config, with luca's port
        for (int i = 0; i < 3; i++) {
            fleet.instance("bot" + i, 18829 + 20 * i).write(); // blocks with nothing folded, before and after
        }
        CliRun.Result r = new CliRun().env("NO_COLOR", "1").run("audit", "--offline", "--agents-dir", fleet.agents.toString(),
                "--root", fleet.root.toString());
        String out = r.out();
        int critic = out.indexOf("critic  ai.openclaw.critic");
        assertThat(critic).as(out).isNotNegative();
        String block = out.substring(critic, out.indexOf("\n\n", critic));
        assertThat(block).as(out).contains("port-mismatch: caused by duplicate-state-dir (across instances), shown under it")
                .doesNotContain("  ok");
        String across = out.substring(out.indexOf("across instances"));
        assertThat(across).contains("duplicate-state-dir").contains("port-mismatch");
        for (String name : new String[]{"luca", "bot0", "bot2"}) {
            int at = out.indexOf(name + "  ai.openclaw." + name);
            assertThat(out.substring(at, out.indexOf("\n\n", at))).as(out).doesNotContain("shown under it");
        }
    }

    @Test
    void anAuditThatFindsSomethingPointsAtFleetFixAndLintDoesNot() {
        FleetFixture fleet = FleetFixture.in(tmp.resolve("f"));
        fleet.instance("luca", 18789).plist(p -> p.remove("KeepAlive")).write();
        String hint = "`fleet fix --dry-run` shows which of these fleet can fix for you";
        CliRun.Result audit = new CliRun().env("NO_COLOR", "1").run("audit", "--offline", "--agents-dir", fleet.agents.toString(),
                "--root", fleet.root.toString());
        assertThat(audit.out()).as(audit.all()).contains("keep-alive").contains(hint);
        CliRun.Result quiet = new CliRun().env("NO_COLOR", "1").run("audit", "-q", "--offline", "--agents-dir", fleet.agents.toString(),
                "--root", fleet.root.toString());
        assertThat(quiet.out()).contains("keep-alive").doesNotContain(hint);
        CliRun.Result lint = new CliRun().env("NO_COLOR", "1").run("lint", fleet.agents.toString());
        assertThat(lint.out()).contains("keep-alive").doesNotContain(hint);
    }

    @Test
    void aLargeReportIsHandedOnInPiecesThatMakeTheSameText() {
        FleetFixture fleet = FleetFixture.in(tmp.resolve("big"));
        for (int i = 0; i < 400; i++) {
            fleet.instance("bot" + i, 20000 + 4 * i).plist(p -> p.remove("KeepAlive")).write(); // an error each, and port-spacing
        }
        dev.openclawfleet.model.Report report = dev.openclawfleet.app.Lint.run(java.util.List.of(fleet.agents), false,
                java.util.Set.of(), FleetFixture.UID);
        for (boolean quiet : new boolean[]{false, true}) {
            RenderOptions options = new RenderOptions("audit", false, quiet);
            java.util.List<String> pieces = new java.util.ArrayList<>();
            new TextRenderer().render(report, options, pieces::add);
            String whole = new TextRenderer().render(report, options);
            assertThat(pieces).hasSizeGreaterThan(2);
            assertThat(String.join("", pieces)).isEqualTo(whole);
            assertThat(whole).contains("across instances", "keep-alive");
            assertThat(whole.endsWith("`fleet fix` does it\n")).isEqualTo(!quiet);
        }
    }
}
