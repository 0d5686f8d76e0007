package dev.openclawfleet.provision;

import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.ServiceRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** When a restart must reload the job from its plist, because kickstart -k would run launchd's old copy of it. */
class LifecycleReloadTest {
    private static final FleetLayout LAYOUT = new FleetLayout(Path.of("/Users/x/.openclaw"));

    private static Map<String, Object> contract() {
        return new LinkedHashMap<>(ContractPlist.of(new ContractPlist.Spec(LAYOUT, "luca", 18789, Path.of("/usr/bin/node"),
                Path.of("/opt/openclaw/dist/index.js"))));
    }

    @SuppressWarnings("unchecked")
    private static Instance instance(Consumer<Map<String, Object>> edit) {
        Map<String, Object> plist = contract();
        plist.put("EnvironmentVariables", new LinkedHashMap<>((Map<String, Object>) plist.get("EnvironmentVariables")));
        edit.accept(plist);
        PlistFile file = PlistClassifier.classify(new PlistRead.Parsed(Path.of("agents/ai.openclaw.luca.plist"),
                new FileFacts(0644, "x", true, 100), plist));
        return ((PlistFile.Gateway) file).instance();
    }

    /** launchd's record of the job as loaded from the unedited contract plist, with launchd's own variables added. */
    @SuppressWarnings("unchecked")
    private static ServiceRecord loaded(Map<String, String> extraEnv, Set<String> properties) {
        Map<String, Object> plist = contract();
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) plist.get("EnvironmentVariables")).forEach((k, v) -> env.put(k, v.toString()));
        env.put("XPC_SERVICE_NAME", "ai.openclaw.luca");
        env.put("OSLogRateLimit", "64");
        env.putAll(extraEnv);
        return new ServiceRecord("gui/501/ai.openclaw.luca", Path.of("agents/ai.openclaw.luca.plist").toAbsolutePath().toString(),
                "LaunchAgent", "running", null, (List<String>) plist.get("ProgramArguments"), env, 4711, 1L, null, null, null, null,
                null, properties, Map.of());
    }

    private static final Set<String> DEFAULT = Set.of("keepalive", "runatload", "inferred program");

    @Test
    void theSameJobNeedsNoReloadWhateverLaunchdAddsToItsEnvironment() {
        assertThat(Lifecycle.changed(loaded(Map.of(), DEFAULT), instance(p -> { }))).isFalse();
        assertThat(Lifecycle.changed(loaded(Map.of(), Set.of()), instance(p -> { }))).as("no properties line: nothing compared").isFalse();
    }

    @Test
    void aTokenGoneFromThePlistIsAChangeBecauseTheLoadedCopyWouldStillWinOverTheConfig() {
        assertThat(Lifecycle.changed(loaded(Map.of("OPENCLAW_GATEWAY_TOKEN", "old"), DEFAULT), instance(p -> { }))).isTrue();
        assertThat(Lifecycle.changed(loaded(Map.of("SOME_TOOL_VAR", "x"), DEFAULT), instance(p -> { })))
                .as("a variable that is not OpenClaw's may be launchd's own").isFalse();
    }

    @Test
    void keepAliveAndRunAtLoadTurnedOnInThePlistAreChanges() {
        assertThat(Lifecycle.changed(loaded(Map.of(), Set.of("runatload", "inferred program")), instance(p -> { }))).isTrue();
        assertThat(Lifecycle.changed(loaded(Map.of(), Set.of("keepalive", "inferred program")), instance(p -> { }))).isTrue();
        assertThat(Lifecycle.changed(loaded(Map.of(), DEFAULT), instance(p -> p.put("KeepAlive", Map.of("SuccessfulExit", false)))))
                .as("a KeepAlive dictionary keeps it alive too").isFalse();
        assertThat(Lifecycle.changed(loaded(Map.of(), DEFAULT), instance(p -> p.put("KeepAlive", false)))).isTrue();
    }
}
