package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.system.BackupDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * `fleet rotate-token NAME`: a new random token in the instance's 0600 config (the old config is
 * kept in {@code <root>/.trash/rotate-token-<timestamp>/}), the plist's own OPENCLAW_GATEWAY_TOKEN
 * removed when it has one (it would win over the config), then a restart that waits until the
 * gateway listens. Only the new token's fingerprint is ever shown.
 */
public final class RotateToken {
    static final String TOKEN = "OPENCLAW_GATEWAY_TOKEN";

    private RotateToken() {
    }

    /** The new token's fingerprint, where it is, where the old config went, and the restart (null: stopped, not restarted). */
    public record Result(String name, String fingerprint, Path config, Path backup, Lifecycle.Outcome restart) {
    }

    public static Result run(FleetEnv env, String name, Duration wait) {
        Instance i;
        Path config;
        Secret token = Tokens.generate();
        BackupDir backups;
        try (var lock = env.lock(AddInstance.LOCK_PATIENCE)) {
            Audit.Fleet fleet = Lookup.fleet(env);
            InstanceState s = InstanceSettings.state(env, fleet, name);
            i = s.instance();
            if (!(s.config() instanceof ConfigState.Loaded loaded)) {
                throw FleetException.operational(name + "'s config " + (s.config() == null ? "is unknown" : s.config().path()
                        + " cannot be read") + ": `fleet audit` says why (nothing was changed)");
            }
            config = loaded.path();
            String fromEnv = s.environment().get(TOKEN);
            boolean inPlist = i.job().environment().containsKey(TOKEN);
            if (fromEnv != null && !inPlist) {
                throw FleetException.operational(name + "'s token comes from " + TOKEN + " in " + (s.serviceEnv() != null
                        && s.serviceEnv().variables().containsKey(TOKEN) ? s.serviceEnv().path() : s.environment().files().isEmpty()
                        ? "its environment" : s.environment().files().get(0)) + ", which wins over its config: give it a new value there,"
                        + " then `fleet restart " + name + "` (nothing was changed)");
            }
            if (fromEnv == null && loaded.config().token() != null && loaded.config().token().reveal().contains("${")) {
                throw FleetException.operational(name + "'s config reads its token from a variable (gateway.auth.token is a ${...}"
                        + " reference): give that variable a new value, then `fleet restart " + name + "` (nothing was changed)");
            }
            ConfigEdits edits = ConfigEdits.of(config).set("gateway.auth.token", JsonNodeFactory.instance.textNode(token.reveal()),
                    "gateway.auth.token: a new token");
            FileChange plist = null;
            if (inPlist) {
                PlistDraft.requireWritable(i);
                plist = PlistDraft.of(i).removeEnv(TOKEN, TOKEN + " removed").change();
            }
            backups = BackupDir.create(env.layout().trash(), "rotate-token-" + InstanceSettings.stamp(), env.uid());
            edits.change().apply(backups);
            if (plist != null) {
                plist.apply(backups);
            }
        }
        Lifecycle.Outcome restart = InstanceChange.restart(env, InstanceChange.reread(env, i), wait);
        return new Result(name, token.fingerprint(), config, backups.where(config), restart);
    }
}
