package dev.openclawfleet.launchd;

import dev.openclawfleet.model.LabelListing;
import dev.openclawfleet.model.ListEntry;
import dev.openclawfleet.plist.PlistFormatException;
import dev.openclawfleet.plist.PlistParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the two outputs of {@code launchctl list}: the PID/Status/Label table and the dictionary for one label. */
public final class ListParser {
    private ListParser() {
    }

    /** The rows of {@code launchctl list}; the header and malformed lines are skipped. */
    public static List<ListEntry> parseTable(String stdout) {
        List<ListEntry> out = new ArrayList<>();
        if (stdout == null) {
            return out;
        }
        for (String line : stdout.lines().toList()) {
            String[] cols = line.strip().split(line.indexOf('\t') >= 0 ? "\t" : "\\s+", 3);
            if (cols.length < 3) {
                continue;
            }
            String pidText = cols[0].strip();
            Integer pid = pidText.equals("-") ? null : PrintParser.toInteger(pidText);
            Integer status = PrintParser.toInteger(cols[1]);
            String label = cols[2].strip();
            // the header ("PID Status Label") fails here like any other malformed line
            if ((pid == null && !pidText.equals("-")) || status == null || label.isEmpty()) {
                continue;
            }
            out.add(new ListEntry(pid, status, label));
        }
        return out;
    }

    /**
     * The dictionary {@code launchctl list <label>} prints, read with the project's plist parser.
     * Throws IllegalArgumentException when the text is not such a dictionary.
     */
    public static LabelListing parseLabel(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            throw new IllegalArgumentException("launchctl list printed nothing for the label");
        }
        Object root;
        try {
            root = PlistParser.parse(toOpenStep(stdout).getBytes(StandardCharsets.UTF_8));
        } catch (PlistFormatException e) {
            throw new IllegalArgumentException("not launchctl list <label> output: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not launchctl list <label> output: the root is not a dictionary");
        }
        List<String> arguments = new ArrayList<>();
        if (map.get("ProgramArguments") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    arguments.add(s);
                }
            }
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        map.forEach((k, v) -> raw.put(String.valueOf(k), v));
        return new LabelListing(
                map.get("Label") instanceof String s ? s : null,
                integer(map.get("PID")),
                integer(map.get("LastExitStatus")),
                map.get("Program") instanceof String s ? s : null,
                arguments,
                raw);
    }

    /**
     * Rewrites launchctl's dialect into OpenStep text dd-plist accepts. launchctl ends array items with
     * {@code ;} where OpenStep wants {@code ,}, and puts a {@code ;} after the root dictionary (see
     * list-label-system-job.txt); dd-plist rejects both.
     */
    static String toOpenStep(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Deque<Character> open = new ArrayDeque<>();
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '{', '(' -> open.push(c);
                case '}', ')' -> open.poll();
                default -> {
                }
            }
            if (c == ';' && open.isEmpty()) {
                continue;
            }
            out.append(c == ';' && open.peek() == '(' ? ',' : c);
        }
        return out.toString();
    }

    /** dd-plist returns OpenStep numbers as strings ("19968") but GNUstep-typed ones as Long. */
    private static Integer integer(Object value) {
        if (value instanceof Long l) {
            return l == l.intValue() ? l.intValue() : null;
        }
        return value instanceof String s ? PrintParser.toInteger(s) : null;
    }
}
