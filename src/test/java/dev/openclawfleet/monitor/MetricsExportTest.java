package dev.openclawfleet.monitor;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.serve.MetricsServer;
import dev.openclawfleet.serve.ServeAddress;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --serve beyond loopback happens only when named, and then with a warning line. */
class MetricsExportTest {
    @TempDir
    Path tmp;

    private List<String> serve(String address) {
        FleetFixture fleet = FleetFixture.in(tmp);
        List<String> lines = new ArrayList<>();
        MetricsExport.Request request = new MetricsExport.Request(fleet.agents, fleet.root, FleetFixture.UID, Audit.LiveOptions.none(), "t",
                MetricsExport.Format.PROMETHEUS);
        try (MetricsServer server = MetricsExport.serve(request, ServeAddress.parse(address), Duration.ZERO, lines::add)) {
            assertThat(server.address().getPort()).isPositive();
        }
        return lines;
    }

    @Test
    void loopbackIsQuiet() {
        assertThat(serve("0")).isEmpty();
        assertThat(serve("127.0.0.1:0")).isEmpty();
    }

    @Test
    void anyOtherAddressIsBoundOnlyWhenNamedAndThenWithAWarning() {
        assertThat(serve("0.0.0.0:0")).containsExactly("warning: serving on 0.0.0.0:0 reaches beyond this Mac: anyone who can connect"
                + " can read the fleet's instance names, ports, states and findings");
    }
}
