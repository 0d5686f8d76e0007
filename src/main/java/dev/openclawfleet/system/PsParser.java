package dev.openclawfleet.system;

import dev.openclawfleet.model.ProcessInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ps -axo pid=,ppid=,etime=,command=} (macOS and Linux procps; no header because of the {@code =}). */
public final class PsParser {
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+(.*))?$");
    private static final Pattern ETIME = Pattern.compile("^(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)$");

    private PsParser() {
    }

    /**
     * One ProcessInfo per well-formed row: space-separated, possibly right-aligned columns, the command
     * last with its inner spaces kept. A header or a row with an unreadable etime is skipped.
     */
    public static List<ProcessInfo> parse(String stdout) {
        List<ProcessInfo> out = new ArrayList<>();
        if (stdout == null) {
            return out;
        }
        for (String line : stdout.lines().toList()) {
            Matcher m = ROW.matcher(line.stripTrailing());
            if (!m.matches()) {
                continue;
            }
            long elapsed = elapsedSeconds(m.group(3));
            if (elapsed < 0) {
                continue;
            }
            try {
                out.add(new ProcessInfo(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), elapsed,
                        m.group(4) == null ? "" : m.group(4)));
            } catch (NumberFormatException e) {
                // a pid too long for a long: not ps output
            }
        }
        return out;
    }

    /** {@code [[dd-]hh:]mm:ss} in seconds, or -1 when it is not in that form. */
    public static long elapsedSeconds(String etime) {
        Matcher m = ETIME.matcher(etime == null ? "" : etime.strip());
        if (!m.matches()) {
            return -1;
        }
        try {
            long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            long minutes = Long.parseLong(m.group(3));
            long seconds = Long.parseLong(m.group(4));
            return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
