package dev.openclawfleet.render;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of a large report's instance blocks and sections is made on every core: it must be, byte for byte and
 * piece by piece, the text of making every block on one thread, with consequences folded under
 * roots in other blocks, quiet or not, in colour or not, across the windows blocks are made in.
 */
class TextBlocksInParallelTest {
    @TempDir
    Path tmp;

    @Test
    void blocksMadeOnEveryCoreGiveTheTextOfOneThread() {
        FleetFixture fleet = FleetFixture.in(tmp);
        int n = TextRenderer.BLOCKS_PER_WINDOW + 300;
        for (int i = 0; i < n; i++) {
            String name = String.format("b%04d", i);
            FleetFixture.InstanceBuilder b = fleet.instance(name, 20000 + 10 * i + (i % 9 == 0 ? 3 : 0)); // 10 apart: port-spacing across instances
            if (i % 97 == 5) {
                // on the previous instance's state dir: duplicate-state-dir across instances, port-mismatch folded under it
                Path other = fleet.root.resolve(String.format(".openclaw-b%04d", i - 1));
                b.env("OPENCLAW_STATE_DIR", other.toString()).env("OPENCLAW_CONFIG_PATH", other.resolve("openclaw.json").toString())
                        .plist(p -> {
                            p.put("WorkingDirectory", other.toString());
                            p.put("StandardOutPath", other.resolve("logs/gateway.log").toString());
                            p.put("StandardErrorPath", other.resolve("logs/gateway.err.log").toString());
                        }).noStateDir();
            } else if (i % 13 == 1) {
                b.plist(p -> p.remove("KeepAlive"));
            } else if (i % 17 == 2) {
                b.noConfig();
            }
            b.write();
        }
        Report report = Audit.run(fleet.agents, fleet.root, Set.of(), FleetFixture.UID, Audit.LiveOptions.none());
        assertThat(report.instances()).hasSize(n);

        TextRenderer renderer = new TextRenderer();
        for (boolean quiet : new boolean[]{false, true}) {
            for (boolean color : new boolean[]{false, true}) {
                RenderOptions options = new RenderOptions("audit", color, quiet);
                List<String> oneThread = new ArrayList<>();
                renderer.render(report, options, true, oneThread::add, false);
                List<String> everyCore = new ArrayList<>();
                renderer.render(report, options, true, everyCore::add, true);
                assertThat(everyCore).isEqualTo(oneThread);
                assertThat(String.join("", everyCore)).isEqualTo(renderer.render(report, options));
                if (!quiet && !color) {
                    String text = String.join("", everyCore);
                    assertThat(text).contains("shown under it").contains("which also causes").contains("  ok\n");
                    assertThat(text.substring(text.indexOf("across instances")).split("port-spacing", -1).length)
                            .isGreaterThan(TextRenderer.BLOCKS_PER_WINDOW + 1);
                }
            }
        }
    }
}
