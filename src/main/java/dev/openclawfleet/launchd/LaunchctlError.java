package dev.openclawfleet.launchd;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A failed launchctl command: error number (from stderr when printed there), kind and one-line message. */
public record LaunchctlError(int exitCode, Kind kind, String message) {
    // "<Verb> failed: N" or "...: N: <text>"; not "gui: 501" at the end of print's not-found line
    private static final Pattern CODE = Pattern.compile("(?:failed:\\s*(\\d+)\\b)|(?::\\s*(\\d+):\\s)");
    private static final Set<String> NOISE = Set.of(
            "bad request.",
            "try re-running the command as root for richer errors.");

    /** What went wrong, as far as a caller needs to know to react. */
    public enum Kind {
        /** The service is not loaded (113, errno 3, "Could not find service"). */
        NOT_LOADED,
        /** errno 5: the generic bootstrap failure, often a bootout still draining. */
        IO_ERROR,
        /** errno 37: the operation is already in progress. */
        IN_PROGRESS,
        /** 119: the service is disabled. */
        DISABLED,
        /** 122: the plist has bad ownership or permissions. */
        BAD_PERMISSIONS,
        /** 111: Program/ProgramArguments invalid or missing. */
        MISSING_PROGRAM,
        /** 112, 125 or "Could not find domain": typically no GUI session (SSH, sudo). */
        NO_DOMAIN,
        /** Anything else. */
        OTHER
    }

    /**
     * Classifies a launchctl failure. The number in stderr ({@code Bootstrap failed: 5: ...}) wins over
     * the exit status and becomes {@code exitCode}; text decides only when the number means nothing.
     */
    public static LaunchctlError classify(int exitCode, String stderr) {
        String text = stderr == null ? "" : stderr;
        Matcher m = CODE.matcher(text);
        int code = exitCode;
        if (m.find()) {
            String digits = m.group(1) != null ? m.group(1) : m.group(2);
            Integer printed = PrintParser.toInteger(digits);
            code = printed != null ? printed : exitCode;
        }
        Kind kind = byCode(code);
        if (kind == Kind.OTHER) {
            kind = byText(text.toLowerCase(Locale.ROOT));
        }
        return new LaunchctlError(code, kind, message(text, code));
    }

    private static Kind byCode(int code) {
        return switch (code) {
            case 3, 113 -> Kind.NOT_LOADED;
            case 5 -> Kind.IO_ERROR;
            case 37 -> Kind.IN_PROGRESS;
            case 119 -> Kind.DISABLED;
            case 122 -> Kind.BAD_PERMISSIONS;
            case 111 -> Kind.MISSING_PROGRAM;
            case 112, 125 -> Kind.NO_DOMAIN;
            default -> Kind.OTHER;
        };
    }

    private static Kind byText(String lower) {
        if (lower.contains("could not find service") || lower.contains("no such process")) {
            return Kind.NOT_LOADED;
        }
        if (lower.contains("could not find domain") || lower.contains("could not find specified domain")) {
            return Kind.NO_DOMAIN;
        }
        return Kind.OTHER;
    }

    private static String message(String stderr, int code) {
        String fallback = null;
        for (String line : stderr.lines().map(String::strip).toList()) {
            if (line.isEmpty()) {
                continue;
            }
            if (!NOISE.contains(line.toLowerCase(Locale.ROOT))) {
                return line;
            }
            if (fallback == null) {
                fallback = line;
            }
        }
        return fallback != null ? fallback : "launchctl failed with status " + code + " and no message";
    }
}
