package dev.openclawfleet.model;

/** Who wrote a gateway's plist, which decides the shape we expect of it. */
public enum JobKind {
    /** Our contract: {@code node <entry> gateway --port P} run directly, state in {@code <root>/.openclaw-<name>}. */
    FLEET,
    /** OpenClaw's own {@code gateway install}: {@code /bin/sh <wrapper> <env file> node <entry> gateway --port P}. */
    OPENCLAW,
    /** A job from before the rename (label with clawdbot or moltbot). */
    LEGACY;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
