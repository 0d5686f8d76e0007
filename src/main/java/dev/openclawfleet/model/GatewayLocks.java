package dev.openclawfleet.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where OpenClaw's gateway keeps its lock files (openclaw-facts.md): today in
 * {@code <stateDir>/tmp/openclaw-<uid>/} as {@code gateway.<8 hex of sha256(configPath)>.lock} and
 * {@code gateway.state.lock}; before mid-2026 in the shared {@code $TMPDIR/openclaw-<uid>/}, keyed
 * by the config path only, so two gateways with one config path collided there.
 */
public final class GatewayLocks {
    public static final String STATE_LOCK = "gateway.state.lock";

    private GatewayLocks() {
    }

    public static Path lockDir(Path stateDir, long uid) {
        return stateDir.resolve("tmp").resolve("openclaw-" + uid);
    }

    public static String lockName(Path configPath) {
        return "gateway." + hash8(configPath.toString()) + ".lock";
    }

    public static Path legacyLock(Path tmpDir, long uid, Path configPath) {
        return tmpDir.resolve("openclaw-" + uid).resolve(lockName(configPath));
    }

    static String hash8(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
