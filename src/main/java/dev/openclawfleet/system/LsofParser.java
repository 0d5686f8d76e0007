package dev.openclawfleet.system;

import dev.openclawfleet.model.Listener;

import java.util.ArrayList;
import java.util.List;

/** Parses the field output of {@code lsof -nP -iTCP -sTCP:LISTEN -F pcn} into listening sockets. */
public final class LsofParser {
    private LsofParser() {
    }

    /**
     * A {@code p<pid>} line starts a process, {@code c<command>} names it, and each {@code n<addr>:<port>}
     * line is one socket of it; other fields ({@code f}, {@code TST=LISTEN} ...) and junk are ignored.
     */
    public static List<Listener> parse(String stdout) {
        List<Listener> out = new ArrayList<>();
        if (stdout == null) {
            return out;
        }
        Long pid = null;
        String command = null;
        for (String line : stdout.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            String value = line.substring(1).stripTrailing();
            switch (line.charAt(0)) {
                case 'p' -> {
                    pid = parsePid(value);
                    command = null;
                }
                case 'c' -> command = value;
                case 'n' -> {
                    Listener listener = pid == null ? null : listener(pid, command, value);
                    if (listener != null) {
                        out.add(listener);
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** {@code 127.0.0.1:18789}, {@code *:18789}, {@code [::1]:18789}; null for anything else (e.g. a connection). */
    private static Listener listener(long pid, String command, String name) {
        int colon = name.lastIndexOf(':');
        if (colon <= 0 || name.contains("->")) {
            return null;
        }
        String address = name.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        try {
            int port = Integer.parseInt(name.substring(colon + 1));
            return port < 0 || port > 65535 || address.isEmpty() ? null : new Listener(pid, command, address, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parsePid(String value) {
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
