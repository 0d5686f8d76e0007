package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets one variable that an env file already defines ({@code export KEY='value'} in OpenClaw's
 * service env file, or {@code KEY=value}), keeping every other line, its first line (OpenClaw's
 * wrapper checks it) and the file's mode. Only the value of a non-secret variable is ever shown.
 */
public final class EnvFileEdit {
    private EnvFileEdit() {
    }

    /** The change, or empty when the file does not define {@code name} or already has {@code value}. */
    public static Optional<FileChange> set(Path file, String name, String value) {
        byte[] before = FileChange.current(file);
        if (before == null) {
            return Optional.empty();
        }
        String text = new String(before, StandardCharsets.UTF_8);
        Pattern line = Pattern.compile("(?m)^(\\s*(?:export\\s+)?" + Pattern.quote(name) + "=)(.*)$");
        if (!line.matcher(text).find()) {
            return Optional.empty();
        }
        String quoted = "'" + value.replace("'", "'\\''") + "'";
        String edited = line.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + quoted));
        if (edited.equals(text)) {
            return Optional.empty();
        }
        return Optional.of(new FileChange(file, before, edited.getBytes(StandardCharsets.UTF_8), mode(file),
                List.of(name + " " + value), false));
    }

    private static Set<PosixFilePermission> mode(Path file) {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FleetException.operational(file + ": cannot read its mode: " + dev.openclawfleet.system.SafeFiles.ioReason(e));
        }
    }
}
