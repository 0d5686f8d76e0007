package dev.openclawfleet.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileKind;
import dev.openclawfleet.model.GatewayConfig;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads an instance's openclaw.json, which is JSON5 (comments, trailing commas, unquoted keys,
 * single quotes, hex numbers, Infinity, multi-line strings), with Jackson's lenient features after
 * a small rewrite of what they lack ({@link Json5}). Parse errors are reported by line and column
 * only: Jackson's messages quote the offending token, which may be a secret.
 */
public final class ConfigReader {
    /** A config larger than this is not parsed. */
    public static final int MAX_CONFIG_BYTES = 1 << 20;

    private static final ObjectMapper JSON5 = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final java.util.concurrent.atomic.AtomicBoolean PREPARING = new java.util.concurrent.atomic.AtomicBoolean();

    private ConfigReader() {
    }

    /**
     * Loads and links what reading a config needs (Jackson's mapper and tree classes, about 0.1 s of
     * class loading on a cold JVM) on a daemon thread: an audit starts it before it reads the plists,
     * so that the first of 10,000 configs read on both cores does not hold the other thread up while
     * this class initializes. Harmless when it loses the race: class initialization happens once.
     */
    public static void prepareInBackground() {
        if (!PREPARING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                parse("{gateway: {port: 1, auth: {token: 'x'}}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (ConfigSyntaxException | RuntimeException | LinkageError ignored) {
                // the reading itself says what is wrong, when it gets there
            }
        }, "config-reader-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The mapper that reads JSON5; shared with the provisioner, which edits configs. */
    public static ObjectMapper json5() {
        return JSON5;
    }

    public static ConfigState read(Path path, long currentUid) {
        try {
            Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return new ConfigState.Missing(path);
        } catch (java.nio.file.AccessDeniedException e) {
            // The folder it is in cannot be entered: whether the file exists is unknown, and "missing" would be a guess.
            return new ConfigState.Invalid(path, "permission denied: you cannot enter " + path.getParent()
                    + " to read it (mode " + modeOf(path.getParent()) + ")");
        } catch (IOException e) {
            return new ConfigState.Invalid(path, SafeFiles.ioReason(e));
        }
        try {
            byte[] bytes = SafeFiles.readRegular(path, MAX_CONFIG_BYTES);
            JsonNode root = parse(bytes);
            if (root == null || !root.isObject()) {
                return new ConfigState.Invalid(path, "the top level is not a JSON object");
            }
            return new ConfigState.Loaded(path, SafeFiles.facts(path, currentUid), extract(root), ConfigEnvScan.scan(root));
        } catch (FileReadException e) {
            return new ConfigState.Invalid(path, e.getMessage());
        } catch (ConfigSyntaxException e) {
            return new ConfigState.Invalid(path, e.getMessage());
        }
    }

    /**
     * The config as a host reader found it at {@code path} (read up to {@link #MAX_CONFIG_BYTES}):
     * missing, behind a folder that cannot be entered, unreadable, or parsed; the same verdicts as
     * {@link #read(Path, long)} gives for this Mac.
     */
    public static ConfigState of(Path path, FileFact fact, long currentUid) {
        if (fact.kind() == FileKind.MISSING) {
            return new ConfigState.Missing(path);
        }
        if (fact.kind() == FileKind.INACCESSIBLE) {
            return new ConfigState.Invalid(path, "permission denied: you cannot enter " + path.getParent()
                    + " to read it (mode " + (fact.parentMode() < 0 ? "unknown" : String.format("%04o", fact.parentMode())) + ")");
        }
        if (fact.content() == null) {
            return new ConfigState.Invalid(path, fact.problem() == null ? "it could not be read" : fact.problem());
        }
        try {
            JsonNode root = parse(fact.content());
            if (root == null || !root.isObject()) {
                return new ConfigState.Invalid(path, "the top level is not a JSON object");
            }
            return new ConfigState.Loaded(path, fact.facts(currentUid), extract(root), ConfigEnvScan.scan(root));
        } catch (ConfigSyntaxException e) {
            return new ConfigState.Invalid(path, e.getMessage());
        }
    }

    /** Parses JSON5 bytes; the error says where, never what was there. */
    public static JsonNode parse(byte[] bytes) throws ConfigSyntaxException {
        return parse(bytes, true);
    }

    /** {@link #parse(byte[])}; without {@code shortcut} every text is decoded and converted (the tests compare both ways). */
    static JsonNode parse(byte[] bytes, boolean shortcut) throws ConfigSyntaxException {
        Json5.Converted json;
        if (shortcut && Json5.needsNoRewrite(bytes)) {
            // Plain ASCII JSON (what OpenClaw and fleet write): the UTF-8 decoding and the JSON5 rewrite would give
            // back these very characters, so both are skipped (10,000 configs decoded and copied twice for nothing).
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            json = Json5.unchanged(text);
        } else {
            String text;
            try {
                text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ConfigSyntaxException("not valid JSON5: it is not UTF-8 text");
            }
            try {
                json = Json5.convert(text);
            } catch (Json5.Refused e) {
                throw new ConfigSyntaxException("not valid JSON5: " + e.getMessage());
            }
        }
        try {
            return JSON5.readTree(json.text());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null || where.getCharOffset() < 0 ? "" : " at " + json.where((int) where.getCharOffset());
            throw new ConfigSyntaxException("not valid JSON5" + at + ": " + redact(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigSyntaxException("cannot be parsed: " + SafeFiles.ioReason(e));
        } catch (NumberFormatException e) {
            // Jackson takes a lone "." (or "-.") for a number with its lenient decimal-point features, and only fails
            // when it converts it; that failure stopped the whole audit. Its message quotes the text: not passed on.
            throw new ConfigSyntaxException("not valid JSON5: a number that is not one");
        }
    }

    private static String modeOf(Path dir) {
        int mode = dir == null ? -1 : SafeFiles.directoryMode(dir);
        return mode < 0 ? "unknown" : String.format("%04o", mode);
    }

    /**
     * What kind of syntax error Jackson saw, in our words. Jackson's own message quotes the
     * offending token, which may be a secret written without quotes, so it is never passed on.
     */
    static String redact(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Unrecognized token")) {
            return "unrecognized token";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "unexpected end of input";
        }
        if (m.startsWith("Unexpected character")) {
            return "unexpected character";
        }
        if (m.startsWith("Unexpected close marker") || m.startsWith("Unexpected close")) {
            return "unbalanced brackets";
        }
        if (m.contains("Duplicate field")) {
            return "duplicate key";
        }
        if (m.contains("nesting depth")) {
            return "nested too deeply";
        }
        if (m.contains("Number value length") || m.contains("String value length")) {
            return "a value too long";
        }
        if (m.contains("Illegal unquoted character")) {
            return "a control character inside a string";
        }
        return "syntax error";
    }

    static GatewayConfig extract(JsonNode root) {
        JsonNode gateway = root.path("gateway");
        JsonNode port = gateway.path("port");
        Integer portValue = port.canConvertToInt() && port.isIntegralNumber() ? port.intValue() : null;
        String portText = port.isMissingNode() || port.isNull() ? null : port.isIntegralNumber() ? port.asText() : port.asText("?");
        JsonNode auth = gateway.path("auth");
        JsonNode token = auth.path("token");
        return new GatewayConfig(text(gateway.path("mode")), portValue, portText, text(gateway.path("bind")),
                text(auth.path("mode")), token.isTextual() ? Secret.of(token.textValue()) : null,
                text(root.path("agents").path("defaults").path("workspace")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isMissingNode() || node.isNull() ? null : node.toString();
    }

    /** A config whose syntax is broken; the message gives line and column only. */
    public static final class ConfigSyntaxException extends Exception {
        public ConfigSyntaxException(String message) {
            super(message, null, false, false);
        }
    }
}
