package dev.openclawfleet.dist;

/** Quoting for the generated scripts. */
final class Shell {
    private Shell() {
    }

    /** A POSIX shell single-quoted word (also right for bash and zsh). */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** A fish single-quoted word: backslash and quote are escaped inside. */
    static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A description for one line of a completion menu: the first sentence-ish part, without a trailing period. */
    static String oneLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
