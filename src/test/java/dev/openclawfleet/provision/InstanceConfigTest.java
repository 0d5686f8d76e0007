package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** New configs are isolated; --from shares settings but strips identity, paths and credentials. */
class InstanceConfigTest {
    final FleetLayout layout = new FleetLayout(Path.of("/Users/me/.openclaw"));

    @Test
    void aNewConfigHasEverythingAnInstanceNeeds() {
        ObjectNode c = InstanceConfig.create(layout, "luca", 18789, Secret.of("t0k"), null, true);
        assertThat(c.toString()).isEqualTo("{\"gateway\":{\"mode\":\"local\",\"port\":18789,\"bind\":\"loopback\",\"auth\":{\"mode\":\"token\","
                + "\"token\":\"t0k\"}},\"agents\":{\"defaults\":{\"workspace\":\"/Users/me/.openclaw/.openclaw-luca/workspace\"}},"
                + "\"skills\":{\"load\":{\"extraDirs\":[\"/Users/me/.openclaw/shared/skills\"]}}}");
    }

    @Test
    void shareableDropsIdentityPathsAndCredentials() throws Exception {
        JsonNode source = new ObjectMapper().readTree("""
                {"gateway": {"mode": "local", "port": 18789, "auth": {"token": "abc"}},
                 "agents": {"defaults": {"model": "opus", "workspace": "/Users/me/.openclaw/.openclaw-luca/workspace"}},
                 "models": {"providers": {"openai": {"apiKey": "sk-1", "api_key": "sk-2", "baseUrl": "https://x"}}},
                 "channels": {"telegram": {"botToken": "1:2", "dmPolicy": "pairing", "allowFrom": ["~/list", "123"]}},
                 "hooks": {"token": "h", "path": "/hooks", "enabled": true},
                 "skills": {"load": {"extraDirs": ["/old/shared/skills"]}},
                 "credentialsDir": "c", "password": "p"}
                """);
        ObjectNode shared = InstanceConfig.shareable(source);
        assertThat(shared.has("gateway")).isFalse();
        assertThat(shared.path("agents").path("defaults").path("model").asText()).isEqualTo("opus");
        assertThat(shared.path("agents").path("defaults").has("workspace")).isFalse();
        assertThat(shared.path("models").path("providers").path("openai").toString()).isEqualTo("{\"baseUrl\":\"https://x\"}");
        assertThat(shared.path("channels").path("telegram").toString()).isEqualTo("{\"dmPolicy\":\"pairing\",\"allowFrom\":[\"123\"]}");
        assertThat(shared.path("hooks").toString()).isEqualTo("{\"enabled\":true}");
        assertThat(shared.has("credentialsDir")).isFalse();
        assertThat(shared.has("password")).isFalse();
        assertThat(shared.path("skills").path("load").has("extraDirs")).isFalse();
        ObjectNode created = InstanceConfig.create(layout, "critic", 18809, Secret.of("new"), shared, false);
        assertThat(created.path("gateway").path("auth").path("token").asText()).isEqualTo("new");
        assertThat(created.path("agents").path("defaults").path("model").asText()).isEqualTo("opus");
        assertThat(source.path("gateway").path("auth").path("token").asText()).as("source untouched").isEqualTo("abc");
    }
}
