package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.state.Json5Edit;
import dev.openclawfleet.system.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Changes to one openclaw.json, applied to its text one after another ({@link Json5Edit}), so that
 * its comments and layout stay; the result is one {@link FileChange} (mode 0600). {@code what} lines
 * name keys and never a secret value.
 */
public final class ConfigEdits {
    private final Path path;
    private final byte[] before;
    private String text;
    private final List<String> what = new ArrayList<>();
    private boolean commentsLost;

    private ConfigEdits(Path path, byte[] before) {
        this.path = path;
        this.before = before;
        this.text = before == null ? "{}\n" : new String(before, StandardCharsets.UTF_8);
    }

    /** Edits of the config at {@code path} as it is now (a missing file starts as an empty object). */
    public static ConfigEdits of(Path path) {
        return new ConfigEdits(path, FileChange.current(path));
    }

    /** Edits on top of bytes already read (the planner reads each file once). */
    public static ConfigEdits of(Path path, byte[] before) {
        return new ConfigEdits(path, before);
    }

    public Path path() {
        return path;
    }

    /** Sets {@code key} (dotted) to {@code value}; {@code said} is how the change is shown (never the secret itself). */
    public ConfigEdits set(String key, JsonNode value, String said) {
        try {
            Json5Edit.Result r = Json5Edit.set(text, keyPath(key), value);
            take(r, said);
        } catch (Json5Edit.Refused e) {
            throw FleetException.operational(path + ": cannot set " + key + ": " + e.getMessage());
        }
        return this;
    }

    /** Removes {@code key} (dotted); nothing when it is not set. */
    public ConfigEdits unset(String key, String said) {
        try {
            take(Json5Edit.unset(text, keyPath(key)), said);
        } catch (Json5Edit.Refused e) {
            throw FleetException.operational(path + ": cannot remove " + key + ": " + e.getMessage());
        }
        return this;
    }

    /** The value at {@code key} now (after the edits so far), or null. */
    public JsonNode get(String key) {
        try {
            return Json5Edit.get(text, keyPath(key));
        } catch (Json5Edit.Refused e) {
            throw FleetException.operational(path + ": " + e.getMessage());
        }
    }

    private void take(Json5Edit.Result r, String said) {
        if (!r.changed()) {
            return;
        }
        text = r.text();
        commentsLost |= !r.commentsKept();
        if (!what.contains(said)) {
            what.add(said);
        }
    }

    public boolean changed() {
        return before == null || !Arrays.equals(before, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean commentsLost() {
        return commentsLost;
    }

    public List<String> what() {
        return List.copyOf(what);
    }

    public FileChange change() {
        return new FileChange(path, before, text.getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600, what, commentsLost);
    }

    /** "gateway.auth.token" as its keys; a key with a dot in it cannot be named (none of OpenClaw's has one). */
    public static List<String> keyPath(String dotted) {
        if (dotted == null || dotted.isBlank() || dotted.startsWith(".") || dotted.endsWith(".") || dotted.contains("..")) {
            throw FleetException.usage("'" + dev.openclawfleet.model.Text.printable(dotted == null ? "" : dotted, 80)
                    + "' is not a key: use dotted keys such as gateway.port");
        }
        return Arrays.asList(dotted.split("\\."));
    }
}
