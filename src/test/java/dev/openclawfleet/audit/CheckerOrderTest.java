package dev.openclawfleet.audit;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.PlistFile;
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
 * The checker runs its rules side by side on all cores; its findings, their ids and the report's
 * order must still be exactly those of running every rule one after the other.
 */
class CheckerOrderTest {
    @TempDir
    Path tmp;

    @Test
    void parallelRulesGiveTheSerialOrder() {
        FleetFixture fleet = FleetFixture.in(tmp);
        // 300 instances (enough for the parallel paths, and for several slices of the per-plist pass), with findings of many rules: close, equal and derived ports,
        // unexpanded paths, inline secrets, missing configs and state dirs, mismatched ports.
        for (int i = 0; i < 300; i++) {
            FleetFixture.InstanceBuilder b = fleet.instance(String.format("n%03d", i), 20000 + 7 * i);
            switch (i % 7) {
                case 1 -> b.env("PATH", "$PATH:/opt/bin");
                case 2 -> b.args("--token", "secret-" + i);
                case 3 -> b.noConfig();
                case 4 -> b.noStateDir();
                case 5 -> b.config(c -> c.with("gateway").put("port", 1));
                default -> {
                }
            }
            b.write();
        }
        Audit.Fleet read = Audit.read(fleet.agents, fleet.root, FleetFixture.UID);
        List<PlistFile> files = read.files();
        HostState host = read.host();

        List<Finding> serial = new ArrayList<>();
        for (PlistFile file : files) {
            RuleCatalog.PLIST_RULES.forEach(rule -> serial.addAll(rule.check(file)));
        }
        RuleCatalog.FLEET_RULES.forEach(rule -> serial.addAll(rule.check(Checker.instances(files))));
        List<Finding> lintSerial = List.copyOf(serial);
        RuleCatalog.STATE_RULES.forEach(rule -> serial.addAll(rule.check(host)));

        assertThat(serial.stream().map(Finding::rule).distinct().count()).isGreaterThan(5);
        for (int run = 0; run < 5; run++) {
            assertThat(Checker.lint(files)).containsExactlyElementsOf(lintSerial);
            assertThat(Checker.audit(files, host)).containsExactlyElementsOf(serial);
        }
        Report once = Checker.report(files, Checker.audit(files, host), Set.of(), List.of(), List.of());
        assertThat(once.findings()).hasSizeGreaterThan(64);
        for (int run = 0; run < 5; run++) {
            List<Finding> again = new ArrayList<>(Checker.audit(files, host));
            assertThat(Checker.report(files, again, Set.of(), List.of(), List.of()).findings())
                    .containsExactlyElementsOf(once.findings());
        }
    }
}
