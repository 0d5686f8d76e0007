package dev.openclawfleet.audit;

import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayCommand.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ProgramArguments in every form found on real Macs, and process command lines that are (or are not) gateways. */
class GatewayCommandsTest {
    static final String NODE = "/opt/homebrew/bin/node";
    static final String ENTRY = "/opt/homebrew/lib/node_modules/openclaw/dist/index.js";
    static final String WRAPPER = "/Users/me/.openclaw-work/service-env/ai.openclaw.work-env-wrapper.sh";
    static final String ENV = "/Users/me/.openclaw-work/service-env/ai.openclaw.work.env";

    @Test
    void forms() {
        GatewayCommand direct = GatewayCommands.parse(List.of(NODE, "--max-old-space-size=4096", ENTRY, "gateway", "--port", "18789", "--bind", "loopback"));
        assertThat(direct.form()).isEqualTo(Form.CONTRACT);
        assertThat(direct.entry()).isEqualTo(ENTRY);
        assertThat(direct.portArgument()).isEqualTo("18789");

        GatewayCommand sh = GatewayCommands.parse(List.of("/bin/sh", WRAPPER, ENV, NODE, ENTRY, "gateway", "--port", "19001"));
        assertThat(sh.form()).isEqualTo(Form.OPENCLAW_WRAPPER);
        assertThat(sh.envFile()).isEqualTo(ENV);
        assertThat(sh.openClawWrapper()).isTrue();

        GatewayCommand first = GatewayCommands.parse(List.of(WRAPPER, ENV, NODE, ENTRY, "gateway", "--port", "19001"));
        assertThat(first.form()).isEqualTo(Form.OPENCLAW_WRAPPER_FIRST);
        assertThat(first.wrapper()).isEqualTo(WRAPPER);
        assertThat(first.envFile()).isEqualTo(ENV);
        assertThat(first.node()).isEqualTo(NODE);

        GatewayCommand user = GatewayCommands.parse(List.of("/Users/me/bin/run_with_env.sh", "secrets.env", "--", "node", ENTRY, "gateway", "--port", "1"));
        assertThat(user.form()).isEqualTo(Form.USER_WRAPPER);
        assertThat(user.wrapper()).isEqualTo("/Users/me/bin/run_with_env.sh");
        assertThat(user.envFile()).isEqualTo("secrets.env");
        assertThat(user.openClawWrapper()).isFalse();
        assertThat(GatewayCommands.parse(List.of("/bin/bash", "/Users/me/launch-with-secrets.sh", "node", ENTRY, "gateway")).wrapper())
                .isEqualTo("/Users/me/launch-with-secrets.sh");

        assertThat(GatewayCommands.parse(List.of("/opt/homebrew/bin/openclaw", "gateway", "--port", "1")).form()).isEqualTo(Form.LAUNCHER);
        assertThat(GatewayCommands.parse(List.of("/usr/bin/env", "node", ENTRY, "gateway", "--port", "1")).form())
                .as("env is a PATH lookup, not a user's wrapper").isEqualTo(Form.OTHER);
        assertThat(GatewayCommands.parse(List.of("/bin/sh", "-c", "exec node " + ENTRY + " gateway --port 1")).form()).isEqualTo(Form.OTHER);
        assertThat(GatewayCommands.parse(List.of("/bin/sh", "-c", "exec node " + ENTRY + " gateway --port 1")).runsGateway()).isTrue();
    }

    @Test
    void subcommands() {
        assertThat(GatewayCommands.parse(List.of(NODE, ENTRY, "node", "run", "--host", "127.0.0.1", "--port", "18789")).subcommand()).isEqualTo("node");
        assertThat(GatewayCommands.parse(List.of(NODE, ENTRY, "--profile", "work", "gateway", "--port", "1")).runsGateway()).isTrue();
        assertThat(GatewayCommands.parse(List.of(NODE, ENTRY, "--port", "18789")).subcommand()).as("an option's value is no subcommand").isNull();
        assertThat(GatewayCommands.parse(List.of("/bin/bash", "/Users/me/backup.sh")).runsGateway()).isFalse();
        assertThat(GatewayCommands.profile(List.of(NODE, ENTRY, "--profile", "work", "gateway"))).isEqualTo("work");
        assertThat(GatewayCommands.profile(List.of(NODE, ENTRY, "gateway", "--profile", "late"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/opt/homebrew/bin/node /opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789",
            "node dist/index.js gateway --port 18789",
            "node ./index.js gateway",
            "openclaw gateway --port 18789",
            "/usr/local/bin/openclaw --profile work gateway",
            "openclaw-gateway",
            "/bin/sh /Users/me/.openclaw/service-env/ai.openclaw.gateway-env-wrapper.sh /Users/me/.openclaw/service-env/ai.openclaw.gateway.env /usr/bin/node /x/index.js gateway --port 1",
            "/Users/me/bin/run_with_env.sh secrets.env -- node /x/dist/index.js gateway --port 1",
            "node /Users/me/clawdbot/dist/index.js gateway",
    })
    void gatewayCommandLines(String command) {
        assertThat(GatewayCommands.isGatewayCommandLine(command)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/usr/bin/python3 -m http.server 18789",
            "node /opt/homebrew/lib/node_modules/openclaw/dist/index.js node run --host 127.0.0.1 --port 18789",
            "gateway --port 18789",
            "nginx: master process",
            "ssh -N -L 18789:127.0.0.1:18789 gateway",
            "-zsh",
            "",
    })
    void notGatewayCommandLines(String command) {
        assertThat(GatewayCommands.isGatewayCommandLine(command)).isFalse();
    }
}
