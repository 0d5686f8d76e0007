package dev.openclawfleet.remote;

import dev.openclawfleet.model.CommandRun;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileKind;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostIdentity;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostReader;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.Lsof;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.system.Ps;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the audit's queries about another Mac over one SSH connection: the system {@code ssh}
 * (through the process seam, in BatchMode with a connect timeout, so it never prompts) runs
 * {@code /bin/sh -s} there, which reads the collector script and then one request per line; each
 * answer comes back framed and size-capped ({@link Frames}). Secrets the answers hold stay in
 * memory. A host that cannot be read throws {@link HostUnreachableException} with ssh's reason.
 */
public final class SshReader implements HostReader, AutoCloseable {
    static final String SCRIPT = "/dev/openclawfleet/remote/collector.sh";
    /** Everything one host may send, decoded. */
    static final long BUDGET = 512L << 20;
    static final int CMD_MAX = 8 << 20;
    static final int ERR_MAX = 64 << 10;
    static final int MAX_ENTRIES = 20000;
    static final Set<String> NEEDED = Set.of("base64", "stat", "head", "tail", "tr", "grep");

    private final SshTarget target;
    private final ProcessRunner.Session session;
    private final Frames frames;
    private final OutputStream requests;
    private final HostIdentity identity;
    private int nextId = 1;

    private SshReader(SshTarget target, ProcessRunner.Session session, Frames frames, HostIdentity identity) {
        this.target = target;
        this.session = session;
        this.frames = frames;
        this.requests = session.stdin();
        this.identity = identity;
    }

    /** The ssh argv for {@code target}: never a prompt, no forwarding, the remote command is the collector's shell. */
    static List<String> sshArguments(SshTarget target, SshOptions options) {
        List<String> args = new ArrayList<>();
        if (options.config() != null) {
            args.addAll(List.of("-F", options.config().toString()));
        }
        args.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=" + Math.max(1, options.connectTimeout().toSeconds()),
                "-o", "LogLevel=ERROR", "-T", "-x", "-a", "-e", "none"));
        if (target.port() != null) {
            args.addAll(List.of("-p", target.port().toString()));
        }
        if (target.user() != null) {
            args.addAll(List.of("-l", target.user()));
        }
        args.addAll(List.of("--", target.host(), "exec /bin/sh -s"));
        return args;
    }

    /** Connects, starts the collector and reads its greeting; {@code live} says whether launchd is needed. */
    public static SshReader open(ProcessRunner runner, SshTarget target, SshOptions options, boolean live) {
        if (!runner.has("ssh")) {
            throw new HostUnreachableException("`ssh` is not on PATH here");
        }
        ProcessRunner.Session session;
        try {
            session = runner.start(options.deadline(), "ssh", sshArguments(target, options).toArray(String[]::new));
        } catch (FleetException e) {
            throw new HostUnreachableException(e.getMessage());
        }
        return over(session, target, options, live);
    }

    /** The collector started on a session that runs {@code /bin/sh -s} somewhere (ssh, or a local shell in tests). */
    static SshReader over(ProcessRunner.Session session, SshTarget target, SshOptions options, boolean live) {
        try {
            Frames frames = new Frames(session.stdout(), BUDGET);
            session.stdin().write(script());
            session.stdin().flush();
            Frames.Frame hello = frames.greeting();
            if (hello == null) {
                throw unreachable(session, options);
            }
            HostIdentity identity = identity(hello);
            Set<String> missing = new LinkedHashSet<>(NEEDED);
            missing.removeAll(identity.tools());
            if (!missing.isEmpty()) {
                throw new HostUnreachableException("the collector needs " + String.join(", ", missing) + " there, which are not on PATH");
            }
            if (live && !identity.has("launchctl")) {
                throw new HostUnreachableException("it has no launchd: `launchctl` is not on PATH there (not a Mac?)");
            }
            return new SshReader(target, session, frames, identity);
        } catch (IOException e) {
            HostUnreachableException failure = session.expired() ? timedOut(options) : e instanceof Frames.ProtocolException
                    ? new HostUnreachableException("its answer was garbled: " + e.getMessage()) : unreachable(session, options);
            session.close();
            throw failure;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static byte[] script() throws IOException {
        try (InputStream in = SshReader.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("the collector script is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** Why ssh ended before the collector answered: ssh's own last line (exit 255), or how it ended. */
    static HostUnreachableException unreachable(ProcessRunner.Session session, SshOptions options) {
        if (session.expired()) {
            return timedOut(options);
        }
        Integer exit = session.exitCode(Duration.ofSeconds(5)).orElse(null);
        String reason = lastLine(session.stderr());
        if (exit != null && exit == 255 && reason != null) {
            return new HostUnreachableException(reason);
        }
        return new HostUnreachableException("the connection closed before the collector answered"
                + (exit == null ? "" : " (ssh exit status " + exit + ")") + (reason == null || exit == null || exit != 255 ? "" : ": " + reason));
    }

    private static HostUnreachableException timedOut(SshOptions options) {
        return new HostUnreachableException("no complete answer within " + options.deadline().toSeconds() + " s; ssh was stopped");
    }

    /** The last non-empty line ssh printed on stderr, printable and bounded. */
    static String lastLine(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? null : Text.printable(lines.get(lines.size() - 1), 300);
    }

    private static HostIdentity identity(Frames.Frame hello) throws Frames.ProtocolException {
        long uid = hello.number("u", -1);
        if (uid < 0) {
            throw new Frames.ProtocolException("the greeting has no uid");
        }
        String home = hello.field("H");
        Set<String> tools = new LinkedHashSet<>(Arrays.asList(hello.fields().getOrDefault("tools", "").split(",")));
        tools.remove("");
        return new HostIdentity(uid, home == null || !home.startsWith("/") ? null : Path.of(home), hello.field("T"), tools,
                hello.fields().getOrDefault("os", ""));
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Map<HostQuery, HostAnswer> answer(List<HostQuery> queries) {
        Map<HostQuery, HostAnswer> out = new LinkedHashMap<>();
        Map<Integer, HostQuery> sent = new LinkedHashMap<>();
        StringBuilder lines = new StringBuilder();
        for (HostQuery q : queries.stream().distinct().toList()) {
            String request = request(q);
            if (request == null) {
                out.put(q, unsendable(q));
                continue;
            }
            int id = nextId++;
            sent.put(id, q);
            lines.append(id).append(' ').append(request).append('\n');
        }
        if (sent.isEmpty()) {
            return out;
        }
        // The end of the round: the collector reads the whole round first, so that one stat answers its files.
        lines.append("go\n");
        // Written from another thread: a long batch of requests must not block while the answers fill the pipe.
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                requests.write(bytes);
                requests.flush();
            } catch (IOException ignored) {
                // the reading side sees the stream end and says why
            }
        });
        try {
            for (Map.Entry<Integer, HostQuery> e : sent.entrySet()) {
                out.put(e.getValue(), read(e.getKey(), e.getValue()));
            }
        } catch (IOException e) {
            throw session.expired() ? timedOut() : e instanceof Frames.ProtocolException
                    ? new HostUnreachableException("its answer was garbled: " + e.getMessage())
                    : unreachable(session, new SshOptions(null, Duration.ZERO, Duration.ZERO));
        }
        writing.join();
        return out;
    }

    private HostUnreachableException timedOut() {
        return new HostUnreachableException("no complete answer in time; ssh was stopped");
    }

    /** The request line for a query (without its id), or null when it cannot be sent (a line break in a path). */
    static String request(HostQuery q) {
        String line;
        if (q instanceof HostQuery.ListDir l) {
            line = "ls " + l.readMax() + " " + (l.select() ? 1 : 0) + " " + String.join(",", l.globs()) + " " + l.dir();
        } else if (q instanceof HostQuery.ReadFile r) {
            line = "read " + r.max() + " " + r.path();
        } else if (q instanceof HostQuery.TailFile t) {
            line = "tail " + t.max() + " " + t.path();
        } else {
            line = command(((HostQuery.Run) q).argv());
        }
        return line == null || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 ? null : line;
    }

    /** The collector's name for a program run; it runs only these, with its own fixed arguments. */
    private static String command(List<String> argv) {
        if (argv.equals(List.of("launchctl", "list"))) {
            return "list";
        }
        if (argv.size() == 3 && argv.get(0).equals("launchctl") && argv.get(1).equals("print-disabled")) {
            return "disabled " + argv.get(2);
        }
        if (argv.size() == 3 && argv.get(0).equals("launchctl") && argv.get(1).equals("print")) {
            return "print " + argv.get(2);
        }
        if (argv.equals(Lsof.COMMAND)) {
            return "lsof";
        }
        if (argv.equals(Ps.COMMAND)) {
            return "ps";
        }
        return null;
    }

    private static HostAnswer unsendable(HostQuery q) {
        String why = "its path or label holds a line break, which the collector cannot be sent";
        if (q instanceof HostQuery.ListDir) {
            return new DirListing(FileFact.unknown(why), List.of(), why);
        }
        if (q instanceof HostQuery.Run r) {
            return new CommandRun.Failed("`" + String.join(" ", r.argv()) + "` was not run there: " + why, false);
        }
        return FileFact.unknown(why);
    }

    private HostAnswer read(int id, HostQuery q) throws IOException {
        if (q instanceof HostQuery.ReadFile r) {
            return single(id, r.max() + 1L, r.max(), false);
        }
        if (q instanceof HostQuery.TailFile t) {
            return single(id, t.max(), t.max(), true);
        }
        if (q instanceof HostQuery.ListDir l) {
            return listing(id, l);
        }
        return run(id, (HostQuery.Run) q);
    }

    private FileFact single(int id, long cap, int max, boolean tail) throws IOException {
        Frames.Frame f = expect(id, cap);
        FileFact fact = f.type().equals("f") ? fact(f, max, tail) : FileFact.unknown("the collector refused to read it");
        expectEnd(id);
        return fact;
    }

    private DirListing listing(int id, HostQuery.ListDir q) throws IOException {
        Frames.Frame first = expect(id, 0);
        if (!first.type().equals("f")) {
            expectEnd(id);
            return new DirListing(FileFact.unknown("the collector refused to list it"), List.of(), "the collector refused to list it");
        }
        FileFact dir = fact(first, 0, false);
        Map<String, DirListing.Entry> entries = new TreeMap<>();
        String problem = null;
        while (true) {
            Frames.Frame f = expect(id, q.readMax() + 1L);
            if (f.type().equals("end")) {
                break;
            }
            switch (f.type()) {
                case "denied" -> problem = "cannot read the directory: permission denied";
                case "toomany" -> problem = "it holds more than " + MAX_ENTRIES + " matching entries; the rest were not read";
                case "f" -> {
                    String name = f.field("n");
                    if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
                        throw new Frames.ProtocolException("an entry has no usable name");
                    }
                    if (entries.size() >= MAX_ENTRIES) {
                        throw new Frames.ProtocolException("more entries than the collector may send");
                    }
                    entries.putIfAbsent(name, new DirListing.Entry(name, fact(f, q.readMax(), false)));
                }
                default -> throw new Frames.ProtocolException("an unexpected frame in a listing");
            }
        }
        return new DirListing(dir, List.copyOf(entries.values()), problem);
    }

    private CommandRun run(int id, HostQuery.Run q) throws IOException {
        Frames.Frame out = expect(id, CMD_MAX);
        if (out.type().equals("refused")) {
            expectEnd(id);
            return new CommandRun.Failed("the collector does not run `" + String.join(" ", q.argv()) + "`", false);
        }
        if (!out.type().equals("o")) {
            throw new Frames.ProtocolException("a program's output is missing");
        }
        Frames.Frame status = expect(id, ERR_MAX);
        if (!status.type().equals("x")) {
            throw new Frames.ProtocolException("a program's status is missing");
        }
        expectEnd(id);
        String display = String.join(" ", q.argv());
        if (out.body().length >= CMD_MAX) {
            return new CommandRun.Failed("`" + display + "` printed more than " + SafeFiles.humanSize(CMD_MAX) + " there; not read", false);
        }
        long rc = status.number("rc", -1);
        if (rc == 127) {
            return new CommandRun.Failed("`" + q.program() + "` is not on PATH there", true);
        }
        return new CommandRun.Done((int) rc, new String(out.body(), StandardCharsets.UTF_8), new String(status.body(), StandardCharsets.UTF_8),
                Instant.ofEpochSecond(status.number("t", 0)));
    }

    private Frames.Frame expect(int id, long cap) throws IOException {
        Frames.Frame f = frames.next(cap);
        if (f == null) {
            throw new IOException("the stream ended");
        }
        if (f.id() != id) {
            throw new Frames.ProtocolException("an answer came for the wrong request");
        }
        return f;
    }

    private void expectEnd(int id) throws IOException {
        if (!expect(id, 0).type().equals("end")) {
            throw new Frames.ProtocolException("an answer has more frames than asked for");
        }
    }

    /** A file frame as a fact, with the same problem wording the local reader gives. */
    FileFact fact(Frames.Frame f, int max, boolean tail) {
        FileKind kind = switch (String.valueOf(f.field("k"))) {
            case "reg" -> FileKind.REGULAR;
            case "dir" -> FileKind.DIRECTORY;
            case "fifo" -> FileKind.FIFO;
            case "chr" -> FileKind.CHARACTER_DEVICE;
            case "blk" -> FileKind.BLOCK_DEVICE;
            case "sock" -> FileKind.SOCKET;
            case "other" -> FileKind.OTHER;
            case "missing" -> FileKind.MISSING;
            case "dangling" -> FileKind.DANGLING_LINK;
            case "noaccess" -> FileKind.INACCESSIBLE;
            default -> FileKind.UNKNOWN;
        };
        boolean link = "1".equals(f.field("l"));
        switch (kind) {
            case MISSING -> {
                return FileFact.missing();
            }
            case INACCESSIBLE -> {
                return FileFact.inaccessible((int) f.number("pm", -1));
            }
            case DANGLING_LINK -> {
                return new FileFact(kind, true, -1, -1, null, 0, null, null, "it is a symbolic link to a file that does not exist", -1);
            }
            case UNKNOWN -> {
                return new FileFact(kind, link, -1, -1, null, 0, null, null, "cannot read its attributes", -1);
            }
            default -> {
                // a fact of a file that exists
            }
        }
        long uid = f.number("u", -1);
        long size = Math.max(0, f.number("s", 0));
        String owner = uid == identity.uid() ? "you" : f.field("o") != null && !f.field("o").isEmpty() ? Text.printable(f.field("o"), 64) : null;
        byte[] content = null;
        String problem = null;
        if (max > 0) {
            String p = f.field("p");
            if ("1".equals(f.field("c"))) {
                content = f.body();
                if (!tail && content.length > max) {
                    content = null;
                    problem = SafeFiles.grew(max);
                }
            } else if ("notreg".equals(p)) {
                problem = "it is " + kind.words() + ", not a regular file; not opened";
            } else if ("big".equals(p)) {
                problem = SafeFiles.tooLarge(size, max);
            } else {
                problem = "permission denied";
            }
        }
        return new FileFact(kind, link, (int) (f.number("m", -1) & 07777), uid, owner, size, Instant.ofEpochSecond(f.number("t", 0)),
                content, problem, -1);
    }

    /** Asks the collector to stop, then ends the connection. */
    @Override
    public void close() {
        try {
            requests.write((nextId++ + " quit\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
        } catch (IOException ignored) {
            // already gone
        }
        session.close();
    }

    @Override
    public String toString() {
        return "SshReader[" + target.name() + "]";
    }
}
