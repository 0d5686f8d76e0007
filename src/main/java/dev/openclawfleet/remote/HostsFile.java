package dev.openclawfleet.remote;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --hosts FILE} format: one Mac per line, {@code [user@]host[:port]}, then optional
 * {@code root=PATH} and {@code agents-dir=PATH} (double quotes around a path with spaces); blank
 * lines and {@code #} comments are skipped. At most {@link #MAX_HOSTS} hosts in at most 1 MiB.
 */
public final class HostsFile {
    public static final int MAX_HOSTS = 1000;
    static final int MAX_BYTES = 1 << 20;

    private HostsFile() {
    }

    public static List<SshTarget> read(Path file) {
        byte[] bytes;
        try {
            bytes = SafeFiles.readRegular(file, MAX_BYTES);
        } catch (FileReadException e) {
            throw new FleetException(ExitCodes.USAGE, "--hosts " + file + ": " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    static List<SshTarget> parse(String text, String name) {
        List<SshTarget> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String where = name + " line " + (n + 1);
            List<String> words = words(stripComment(lines[n]), where);
            if (words.isEmpty()) {
                continue;
            }
            SshTarget target = SshTarget.parse(words.get(0), where);
            for (String w : words.subList(1, words.size())) {
                if (w.startsWith("root=") && w.length() > 5 && target.root() == null) {
                    target = target.withRoot(w.substring(5));
                } else if (w.startsWith("agents-dir=") && w.length() > 11 && target.agentsDir() == null) {
                    target = target.withAgentsDir(w.substring(11));
                } else {
                    throw FleetException.usage(where + ": '" + Text.printable(w, 60) + "' is not root=PATH or agents-dir=PATH (each at most once)");
                }
            }
            if (!seen.add(target.spec())) {
                throw FleetException.usage(where + ": " + target.spec() + " is listed twice");
            }
            if (out.size() == MAX_HOSTS) {
                throw FleetException.usage(name + ": more than " + MAX_HOSTS + " hosts");
            }
            out.add(target);
        }
        if (out.isEmpty()) {
            throw FleetException.usage("--hosts " + name + ": no host in it (one [user@]host[:port] per line)");
        }
        return out;
    }

    private static String stripComment(String line) {
        String l = line.strip();
        if (l.startsWith("#")) {
            return "";
        }
        boolean quoted = false;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted && i > 0 && Character.isWhitespace(l.charAt(i - 1))) {
                return l.substring(0, i).strip();
            }
        }
        return l;
    }

    /** Words split on blanks; a double-quoted part keeps its blanks (the quotes go). */
    static List<String> words(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else if (Character.isISOControl(c) && c != '\t') {
                throw FleetException.usage(where + ": a control character");
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw FleetException.usage(where + ": a double quote is not closed");
        }
        if (any) {
            out.add(word.toString());
        }
        return out;
    }
}
