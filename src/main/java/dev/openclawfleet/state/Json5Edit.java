package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.render.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sets or removes one key of a JSON5 config (openclaw.json) in its text, keeping everything else
 * as it was: comments, key order, quotes, trailing commas, indentation. The edited text is parsed
 * again and compared with the intended result; when the text edit cannot be made or does not give
 * exactly that, the whole file is written out again as plain JSON and the result says that its
 * comments were lost (the caller says so plainly). Pure: text in, text out.
 */
public final class Json5Edit {
    private Json5Edit() {
    }

    /** The new text; {@code commentsKept} is false only when the original had comments and they had to go. */
    public record Result(String text, boolean commentsKept, boolean changed) {
    }

    /** A config that cannot be edited at all: not JSON5, not an object, or the key's parent is not an object. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The value at {@code path}, or null when it is not set. */
    public static JsonNode get(String text, List<String> path) throws Refused {
        JsonNode node = parse(text);
        for (String key : path) {
            node = node == null || !node.isObject() ? null : node.get(key);
        }
        return node;
    }

    /** {@code path} set to {@code value}; objects on the way are created. */
    public static Result set(String text, List<String> path, JsonNode value) throws Refused {
        requirePath(path);
        ObjectNode before = parse(text);
        ObjectNode expected = before.deepCopy();
        ObjectNode parent = expected;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = parent.get(path.get(i));
            if (next == null) {
                next = parent.putObject(path.get(i));
            } else if (!next.isObject()) {
                throw new Refused(String.join(".", path.subList(0, i + 1)) + " is " + kind(next) + ", not an object, so it has no key "
                        + path.get(i + 1));
            }
            parent = (ObjectNode) next;
        }
        parent.set(path.get(path.size() - 1), value.deepCopy());
        if (expected.equals(before)) {
            return new Result(text, true, false);
        }
        return verified(text, expected, () -> new Editor(text).set(path, value));
    }

    /** {@code path} removed; the text unchanged ({@code changed} false) when it was not set. */
    public static Result unset(String text, List<String> path) throws Refused {
        requirePath(path);
        ObjectNode before = parse(text);
        ObjectNode expected = before.deepCopy();
        JsonNode parent = expected;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            parent = parent.isObject() ? parent.get(path.get(i)) : null;
        }
        if (!(parent instanceof ObjectNode object) || !object.has(path.get(path.size() - 1))) {
            return new Result(text, true, false);
        }
        object.remove(path.get(path.size() - 1));
        return verified(text, expected, () -> new Editor(text).unset(path));
    }

    /** True when the text has a {@code //} or {@code /*} comment outside strings. */
    public static boolean hasComments(String text) {
        Editor e = new Editor(text);
        try {
            e.value();
            e.skip();
            return e.comments;
        } catch (RuntimeException ex) {
            return text.contains("//") || text.contains("/*");
        }
    }

    private interface Edit {
        String apply();
    }

    private static Result verified(String text, ObjectNode expected, Edit edit) throws Refused {
        try {
            String edited = edit.apply();
            if (parse(edited).equals(expected)) {
                return new Result(edited, true, true);
            }
        } catch (RuntimeException | Refused e) {
            // the text edit did not work out: fall back to writing the whole file
        }
        return new Result(Json.pretty(expected), !hasComments(text), true);
    }

    private static ObjectNode parse(String text) throws Refused {
        try {
            JsonNode node = ConfigReader.parse(text.getBytes(StandardCharsets.UTF_8));
            if (!(node instanceof ObjectNode object)) {
                throw new Refused("its top level is not a JSON object");
            }
            return object;
        } catch (ConfigReader.ConfigSyntaxException e) {
            throw new Refused("it is " + e.getMessage());
        }
    }

    private static void requirePath(List<String> path) {
        if (path.isEmpty() || path.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("an empty key");
        }
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isNull() ? "null" : "a value";
    }

    /** A structure scanner over the original text: where each object, member, key, value and comma is. */
    private static final class Editor {
        private final String s;
        private int pos;
        boolean comments;

        Editor(String s) {
            this.s = s;
        }

        private record Member(String name, int keyStart, Node value, int comma) {
        }

        private record Node(int start, int end, boolean object, List<Member> members) {
            Member last(String name) {
                Member found = null;
                for (Member m : members) {
                    if (m.name().equals(name)) {
                        found = m; // JSON5 readers keep the last of duplicate keys
                    }
                }
                return found;
            }
        }

        private record Splice(int from, int to, String text) {
        }

        String set(List<String> path, JsonNode value) {
            Node object = value();
            for (int i = 0; i < path.size(); i++) {
                Member m = object.last(path.get(i));
                if (m == null) {
                    JsonNode rest = value;
                    for (int k = path.size() - 1; k > i; k--) {
                        ObjectNode wrap = Json.object();
                        wrap.set(path.get(k), rest);
                        rest = wrap;
                    }
                    return apply(insert(object, path.get(i), rest));
                }
                if (i == path.size() - 1) {
                    return apply(List.of(new Splice(m.value().start(), m.value().end(), render(value, lineIndent(m.keyStart())))));
                }
                if (!m.value().object()) {
                    throw new IllegalStateException("not an object");
                }
                object = m.value();
            }
            throw new IllegalStateException("empty path");
        }

        String unset(List<String> path) {
            Node object = value();
            for (int i = 0; i < path.size() - 1; i++) {
                object = object.last(path.get(i)).value();
            }
            List<Member> members = object.members();
            Member m = object.last(path.get(path.size() - 1));
            int index = members.indexOf(m);
            if (m.comma() >= 0) {
                String indent = lineIndent(m.keyStart());
                int from = indent != null ? m.keyStart() - indent.length() : m.keyStart();
                int to = m.comma() + 1;
                int eol = restOfLineBlank(to);
                if (indent != null && eol >= 0) {
                    to = eol + 1; // the whole line goes, its line break included
                } else {
                    while (to < s.length() && (s.charAt(to) == ' ' || s.charAt(to) == '\t')) {
                        to++;
                    }
                }
                return apply(List.of(new Splice(from, to, "")));
            }
            if (index > 0) {
                return apply(List.of(new Splice(members.get(index - 1).comma(), m.value().end(), "")));
            }
            String inner = s.substring(object.start() + 1, m.keyStart()) + s.substring(m.value().end(), object.end() - 1);
            if (inner.isBlank()) {
                return apply(List.of(new Splice(object.start() + 1, object.end() - 1, "")));
            }
            return apply(List.of(new Splice(m.keyStart(), m.value().end(), "")));
        }

        private List<Splice> insert(Node object, String key, JsonNode value) {
            List<Splice> out = new ArrayList<>();
            if (!object.members().isEmpty()) {
                Member last = object.members().get(object.members().size() - 1);
                String indent = lineIndent(last.keyStart());
                boolean multiline = indent != null && line(object.start()) != line(last.keyStart());
                String member = quote(key) + ": " + render(value, multiline ? indent : "");
                String lead = multiline ? "\n" + indent : " ";
                if (last.comma() >= 0) {
                    out.add(new Splice(endOfLine(last.comma() + 1), endOfLine(last.comma() + 1), lead + member + ","));
                } else {
                    int at = endOfLine(last.value().end());
                    if (at == last.value().end()) {
                        out.add(new Splice(at, at, "," + lead + member));
                    } else {
                        out.add(new Splice(last.value().end(), last.value().end(), ","));
                        out.add(new Splice(at, at, lead + member));
                    }
                }
                return out;
            }
            String braceIndent = leadingWhitespace(object.start());
            String inner = braceIndent + "  ";
            String member = quote(key) + ": " + render(value, inner);
            String content = s.substring(object.start() + 1, object.end() - 1);
            if (content.isBlank()) {
                out.add(new Splice(object.start() + 1, object.end() - 1, "\n" + inner + member + "\n" + braceIndent));
            } else {
                out.add(new Splice(object.start() + 1, object.start() + 1, "\n" + inner + member));
            }
            return out;
        }

        private String apply(List<Splice> splices) {
            StringBuilder out = new StringBuilder(s);
            List<Splice> ordered = new ArrayList<>(splices);
            ordered.sort(Comparator.comparingInt(Splice::from).reversed());
            for (Splice sp : ordered) {
                out.replace(sp.from(), sp.to(), sp.text());
            }
            return out.toString();
        }

        /** The value as JSON, its lines after the first indented like the member it belongs to. */
        private static String render(JsonNode value, String indent) {
            String text = Json.pretty(value).strip();
            return indent == null || indent.isEmpty() ? text : text.replace("\n", "\n" + indent);
        }

        private static String quote(String key) {
            return Json.pretty(Json.object().textNode(key)).strip();
        }

        /** The white space before {@code at} on its line, when nothing else precedes it there; else null. */
        private String lineIndent(int at) {
            int i = at;
            while (i > 0 && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                i--;
            }
            return i == 0 || s.charAt(i - 1) == '\n' ? s.substring(i, at) : null;
        }

        /** The white space at the start of the line holding {@code at}. */
        private String leadingWhitespace(int at) {
            int start = s.lastIndexOf('\n', at - 1) + 1;
            int i = start;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return s.substring(start, i);
        }

        private int line(int at) {
            int n = 0;
            for (int i = 0; i < at && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        /** Where the line break after {@code at} is, when only blanks or a line comment follow; else {@code at}. */
        private int endOfLine(int at) {
            int i = at;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
                i++;
            }
            if (i >= s.length() || s.charAt(i) == '\n') {
                return i > at && s.charAt(i - 1) == '\r' ? i - 1 : i;
            }
            if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                return nl < 0 ? s.length() : (nl > 0 && s.charAt(nl - 1) == '\r' ? nl - 1 : nl);
            }
            return at;
        }

        /** The index of the line break ending the line from {@code at}, when only blanks are there; else -1. */
        private int restOfLineBlank(int at) {
            int i = at;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
                i++;
            }
            return i < s.length() && s.charAt(i) == '\n' ? i : -1;
        }

        Node value() {
            skip();
            if (pos >= s.length()) {
                throw new IllegalStateException("end of input");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            int start = pos;
            if (c == '"' || c == '\'') {
                string();
            } else {
                while (pos < s.length() && !delimiter(s.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw new IllegalStateException("unexpected " + c);
                }
            }
            return new Node(start, pos, false, List.of());
        }

        private Node object() {
            int start = pos++;
            List<Member> members = new ArrayList<>();
            while (true) {
                skip();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return new Node(start, pos, true, members);
                }
                int keyStart = pos;
                String name;
                if (s.charAt(pos) == '"' || s.charAt(pos) == '\'') {
                    name = string();
                } else {
                    while (pos < s.length() && !delimiter(s.charAt(pos)) && s.charAt(pos) != ':') {
                        pos++;
                    }
                    name = s.substring(keyStart, pos);
                }
                skip();
                if (s.charAt(pos) != ':') {
                    throw new IllegalStateException("no colon");
                }
                pos++;
                Node v = value();
                skip();
                int comma = -1;
                if (pos < s.length() && s.charAt(pos) == ',') {
                    comma = pos++;
                }
                members.add(new Member(name, keyStart, v, comma));
            }
        }

        private Node array() {
            int start = pos++;
            while (true) {
                skip();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return new Node(start, pos, false, List.of());
                }
                value();
                skip();
                if (s.charAt(pos) == ',') {
                    pos++;
                }
            }
        }

        /** Reads a quoted string from {@code pos}; returns its decoded value. */
        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case '0' -> out.append('\0');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    case 'x' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
                        pos += 2;
                    }
                    case '\r' -> {
                        if (pos < s.length() && s.charAt(pos) == '\n') {
                            pos++;
                        }
                    }
                    case '\n', '\u2028', '\u2029' -> {
                        // a line continuation
                    }
                    default -> out.append(e);
                }
            }
        }

        private void skip() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff' || c == '\u2028' || c == '\u2029'
                        || Character.getType(c) == Character.SPACE_SEPARATOR) {
                    pos++;
                } else if (s.startsWith("//", pos)) {
                    comments = true;
                    int nl = s.indexOf('\n', pos);
                    pos = nl < 0 ? s.length() : nl;
                } else if (s.startsWith("/*", pos)) {
                    comments = true;
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        private static boolean delimiter(char c) {
            return Character.isWhitespace(c) || c == ',' || c == ']' || c == '}' || c == '/' || c == '\u00a0' || c == '\ufeff';
        }
    }
}
