package dev.openclawfleet.model;

import java.util.List;

/**
 * The ports one gateway occupies, derived from its base port B as OpenClaw does: the gateway
 * itself (B), the browser-control service (B+2) and the default browser profile's CDP port (B+11).
 */
public record GatewayPorts(int base) {
    public static final int BROWSER_CONTROL_OFFSET = 2;
    public static final int DEFAULT_CDP_OFFSET = 11;
    /** The whole CDP range runs to B+110; a base port above this leaves derived ports past 65535. */
    public static final int HIGHEST_BASE = 65535 - 110;
    /** OpenClaw's docs advise at least this many ports between two instances' base ports. */
    public static final int RECOMMENDED_SPACING = 20;
    public static final int DEFAULT_BASE = 18789;

    public int gateway() {
        return base;
    }

    public int browserControl() {
        return base + BROWSER_CONTROL_OFFSET;
    }

    public int defaultCdp() {
        return base + DEFAULT_CDP_OFFSET;
    }

    /** The three ports, each with the role it plays. */
    public List<Role> all() {
        return List.of(new Role("gateway", gateway()), new Role("browser-control", browserControl()), new Role("default CDP", defaultCdp()));
    }

    /** A port and what it is for. */
    public record Role(String role, int port) {
    }

    /** True when {@code port} can be a base port: 1..{@link #HIGHEST_BASE}. */
    public static boolean isUsableBase(long port) {
        return port >= 1 && port <= HIGHEST_BASE;
    }
}
