package dev.openclawfleet.launchd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code launchctl print-disabled <domain>} into label -> disabled. */
public final class DisabledParser {
    private static final Pattern BLOCK = Pattern.compile("^(\\S.*?)\\s*=\\s*\\{$");
    private static final Pattern ENTRY = Pattern.compile("^\"?(.+?)\"?\\s*=>\\s*(\\S+)$");

    private DisabledParser() {
    }

    /**
     * Entries of the {@code disabled services} block; {@code disabled}/{@code true} mean disabled and
     * {@code enabled}/{@code false} (older macOS) enabled. Other blocks and unknown values are skipped.
     */
    public static Map<String, Boolean> parse(String stdout) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (stdout == null) {
            return Collections.unmodifiableMap(out);
        }
        String block = null;
        for (String raw : stdout.lines().toList()) {
            String line = raw.strip();
            Matcher header = BLOCK.matcher(raw.stripTrailing());
            if (header.matches()) {
                block = header.group(1);
                continue;
            }
            if (line.equals("}")) {
                block = null;
                continue;
            }
            // headerless input (a pasted fragment) is read too; another named block is not
            if (block != null && !block.equals("disabled services")) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Boolean disabled = switch (m.group(2)) {
                case "disabled", "true" -> Boolean.TRUE;
                case "enabled", "false" -> Boolean.FALSE;
                default -> null;
            };
            if (disabled != null) {
                out.put(m.group(1), disabled);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
