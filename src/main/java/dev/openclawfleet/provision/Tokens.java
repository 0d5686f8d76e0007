package dev.openclawfleet.provision;

import dev.openclawfleet.model.Secret;

import java.security.SecureRandom;
import java.util.HexFormat;

/** New gateway tokens: 32 bytes from SecureRandom, hex-encoded. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static Secret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Secret.of(HexFormat.of().formatHex(bytes));
    }
}
