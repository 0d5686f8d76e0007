package dev.openclawfleet.launchd;

import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.ServiceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tolerant, depth-aware parser of {@code launchctl print <domain>/<label>} into a {@link ServiceRecord}. */
public final class PrintParser {
    private static final Pattern HEADER = Pattern.compile("^([ \\t]*)(\\S.*?)\\s*=\\s*\\{$");
    private static final Pattern BLOCK_OPEN = Pattern.compile("^(.+?)\\s*=>?\\s*\\{$");
    private static final Pattern KEY_VALUE = Pattern.compile("^(.+?) =(?:\\s+(.*))?$");
    private static final Pattern ENV_ENTRY = Pattern.compile("^(.+?) =>(?:\\s+(.*))?$");
    private static final Pattern EXIT_CODE = Pattern.compile("^(-?\\d+)(?:\\s*:\\s*(.*))?$");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private PrintParser() {
    }

    /**
     * Parses the stdout of {@code launchctl print}. Depth comes from indentation: the header has none,
     * job keys exactly one level, nested block lines two or more (their {@code state = active} is not
     * the job's state, see print-crash-loop-ex-config.txt). launchctl indents with tabs; output that
     * was pasted or archived often has spaces instead (and may be indented as a whole), so a level is
     * a tab or the smallest step of spaces the body uses. Unknown keys land in {@code topLevel}, unknown
     * lines are skipped, a missing closing brace is fine. Throws IllegalArgumentException only when no
     * header line ({@code <target> =} followed by an opening brace) exists.
     */
    public static ServiceRecord parse(String stdout) {
        List<String> raw = stdout == null ? List.of() : stdout.lines().map(String::stripTrailing).toList();
        int header = -1;
        String target = null;
        String margin = "";
        for (int i = 0; i < raw.size() && header < 0; i++) {
            Matcher m = HEADER.matcher(raw.get(i));
            if (m.matches() && !m.group(2).contains("=")) {
                header = i;
                margin = m.group(1);
                target = m.group(2);
            }
        }
        if (header < 0) {
            throw new IllegalArgumentException("not launchctl print output: no '<domain>/<label> = {' header line");
        }
        List<String> lines = retab(raw, header, margin);

        Map<String, String> top = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        String block = null;
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int tabs = leadingTabs(line);
            String content = line.substring(tabs);
            if (content.isBlank()) {
                continue;
            }
            if (tabs == 0) {
                if (content.strip().equals("}")) {
                    break;
                }
                continue;
            }
            if (tabs >= 2) {
                if (tabs == 2 && "arguments".equals(block)) {
                    arguments.add(content);
                } else if (tabs == 2 && "environment".equals(block)) {
                    Matcher m = ENV_ENTRY.matcher(content);
                    if (m.matches()) {
                        environment.putIfAbsent(m.group(1), nullToEmpty(m.group(2)));
                    }
                }
                continue;
            }
            // one tab: a job key, a block opener or a block closer; any of them ends the open block
            block = null;
            content = content.strip();
            if (content.equals("}")) {
                continue;
            }
            Matcher open = BLOCK_OPEN.matcher(content);
            if (open.matches()) {
                block = open.group(1);
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(content);
            if (kv.matches()) {
                top.putIfAbsent(kv.group(1), nullToEmpty(kv.group(2)));
            }
        }
        return toRecord(target, top, arguments, environment);
    }

    private static ServiceRecord toRecord(String target, Map<String, String> top, List<String> arguments,
                                          Map<String, String> environment) {
        String signal = top.get("last terminating signal");
        return new ServiceRecord(
                target,
                top.get("path"),
                top.get("type"),
                top.get("state"),
                top.get("program"),
                arguments,
                environment,
                toInteger(top.get("pid")),
                toLong(top.get("runs")),
                lastExit(top.get("last exit code")),
                signal,
                signalNumber(signal),
                top.get("last exit reason"),
                top.get("job state"),
                properties(top.get("properties")),
                top);
    }

    private static LastExit lastExit(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("(never exited)")) {
            return new LastExit.Never();
        }
        Matcher m = EXIT_CODE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        Integer code = toInteger(m.group(1));
        if (code == null) {
            return null;
        }
        String name = m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).strip();
        return new LastExit.Code(code, name);
    }

    private static Integer signalNumber(String signal) {
        if (signal == null) {
            return null;
        }
        Matcher m = TRAILING_NUMBER.matcher(signal);
        return m.find() ? toInteger(m.group(1)) : null;
    }

    private static Set<String> properties(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String flag : value.split("\\|")) {
                if (!flag.isBlank()) {
                    out.add(flag.strip());
                }
            }
        }
        return out;
    }

    /**
     * The lines with the header's own margin removed and leading spaces turned into tabs, one tab per
     * indentation step; the step is the smallest indentation in spaces among the body's lines.
     */
    static List<String> retab(List<String> lines, int header, String margin) {
        List<String> body = new ArrayList<>(lines.size());
        int step = Integer.MAX_VALUE;
        for (String line : lines) {
            String l = line.startsWith(margin) ? line.substring(margin.length()) : line.stripLeading();
            body.add(l);
        }
        for (int i = header + 1; i < body.size(); i++) {
            String l = body.get(i);
            int spaces = 0;
            while (spaces < l.length() && l.charAt(spaces) == ' ') {
                spaces++;
            }
            if (spaces > 0 && spaces < l.length()) {
                step = Math.min(step, spaces);
            }
        }
        if (step == Integer.MAX_VALUE) {
            return body;
        }
        List<String> out = new ArrayList<>(body.size());
        for (String l : body) {
            int i = 0;
            int depth = 0;
            int spaces = 0;
            while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
                if (l.charAt(i) == '\t') {
                    depth++;
                    spaces = 0;
                } else if (++spaces == step) {
                    depth++;
                    spaces = 0;
                }
                i++;
            }
            out.add("\t".repeat(depth) + l.substring(i));
        }
        return out;
    }

    private static int leadingTabs(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '\t') {
            n++;
        }
        return n;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static Integer toInteger(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long toLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
