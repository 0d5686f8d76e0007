package dev.openclawfleet.model;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A large fleet's secrets are gathered on every core, yet listed once each, in the instances' order, as one thread lists them. */
class HostStateSecretsTest {
    @TempDir
    Path tmp;

    @Test
    void secretsOfAManyInstancesAreThoseOfOneInstanceAtATimeInOrder() {
        FleetFixture fleet = FleetFixture.in(tmp);
        for (int i = 0; i < 400; i++) {
            FleetFixture.InstanceBuilder b = fleet.instance(String.format("s%03d", i), 20000 + 20 * i);
            if (i % 3 == 0) {
                b.env("OPENCLAW_GATEWAY_TOKEN", "plist-token-" + (i % 30) + "-0123456789abcdef"); // repeats across instances
            }
            if (i % 5 == 0) {
                b.env("SOME_API_KEY", "k" + i);
            }
            if (i % 7 == 0) {
                b.config(c -> c.with("gateway").with("auth").put("token", "${OPENCLAW_GATEWAY_TOKEN}"));
            }
            b.write();
        }
        HostState host = Audit.read(fleet.agents, fleet.root, FleetFixture.UID).host();
        assertThat(host.instances()).hasSize(400);

        Set<Secret> oneAtATime = new LinkedHashSet<>();
        for (InstanceState s : host.instances()) {
            oneAtATime.addAll(new HostState(List.of(s), host.root()).secrets());
        }
        List<Secret> all = host.secrets();
        assertThat(all).hasSizeGreaterThan(400).doesNotHaveDuplicates();
        assertThat(all.stream().map(Secret::reveal).toList()).containsExactlyElementsOf(oneAtATime.stream().map(Secret::reveal).toList());
    }
}
