package dev.openclawfleet.state;

import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileKind;
import dev.openclawfleet.model.ServiceEnv;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the env file of OpenClaw's own service ({@code <state>/service-env/<label>.env}): lines of
 * {@code export KEY='value'} (single quotes, {@code '\''} for a quote), comments and blank lines.
 * The same parser reads a user wrapper's secrets file and the dotenv files OpenClaw loads
 * ({@code KEY=value}, optionally quoted).
 */
public final class ServiceEnvFile {
    public static final int MAX_BYTES = 256 * 1024;

    private ServiceEnvFile() {
    }

    /** The variables in the file; empty when it cannot be read (the rules then fall back to the plist). */
    public static Map<String, String> read(Path file) {
        return facts(file, false).variables();
    }

    /**
     * The file as found: missing, unreadable, or read, with whether its first line is OpenClaw's
     * generated header (its wrapper refuses the file otherwise) and its variables.
     */
    public static ServiceEnv facts(Path file, boolean openClaws) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file)) {
            return new ServiceEnv(file, openClaws, ServiceEnv.Status.MISSING, false, Map.of());
        }
        try {
            String text = new String(SafeFiles.readRegular(file, MAX_BYTES), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").stripTrailing();
            return new ServiceEnv(file, openClaws, ServiceEnv.Status.READ, first.equals(ServiceEnv.GENERATED_HEADER), parse(text));
        } catch (FileReadException e) {
            return new ServiceEnv(file, openClaws, ServiceEnv.Status.UNREADABLE, false, Map.of());
        }
    }

    /** The file as a host reader found it (read up to {@link #MAX_BYTES}); the same verdicts as {@link #facts(Path, boolean)}. */
    public static ServiceEnv of(Path file, FileFact fact, boolean openClaws) {
        if (fact.kind() == FileKind.MISSING || fact.kind() == FileKind.INACCESSIBLE || (fact.kind() == FileKind.UNKNOWN && !fact.link())) {
            return new ServiceEnv(file, openClaws, ServiceEnv.Status.MISSING, false, Map.of());
        }
        if (fact.content() == null) {
            return new ServiceEnv(file, openClaws, ServiceEnv.Status.UNREADABLE, false, Map.of());
        }
        String text = new String(fact.content(), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("").stripTrailing();
        return new ServiceEnv(file, openClaws, ServiceEnv.Status.READ, first.equals(ServiceEnv.GENERATED_HEADER), parse(text));
    }

    /** The variables of a dotenv file a host reader found; empty unless it is a regular file that was read. */
    public static Map<String, String> variables(FileFact fact) {
        return fact.regular() && fact.content() != null ? parse(new String(fact.content(), StandardCharsets.UTF_8)) : Map.of();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            out.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return out;
    }

    /** Shell word with single and double quotes removed ({@code 'a'\''b'} is {@code a'b}). */
    static String unquote(String word) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '\'') {
                int end = word.indexOf('\'', i + 1);
                end = end < 0 ? word.length() : end;
                out.append(word, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int end = word.indexOf('"', i + 1);
                end = end < 0 ? word.length() : end;
                out.append(word, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < word.length()) {
                out.append(word.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
