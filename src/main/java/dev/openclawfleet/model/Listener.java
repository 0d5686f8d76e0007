package dev.openclawfleet.model;

import java.util.Locale;

/** One TCP socket in LISTEN state: the owning process and the local address ({@code *} = any), without brackets. */
public record Listener(long pid, String command, String address, int port) {

    /** True for the any-address forms lsof prints: {@code *}, {@code 0.0.0.0}, {@code ::}. */
    public boolean wildcard() {
        return "*".equals(address) || "0.0.0.0".equals(address) || "::".equals(address);
    }

    /** True for 127.0.0.0/8, {@code ::1} and IPv4-mapped loopback. */
    public boolean loopback() {
        String a = address == null ? "" : address.toLowerCase(Locale.ROOT);
        return a.startsWith("127.") || a.equals("::1") || a.startsWith("::ffff:127.");
    }
}
