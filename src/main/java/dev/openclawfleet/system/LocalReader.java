package dev.openclawfleet.system;

import dev.openclawfleet.model.CommandRun;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileKind;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostIdentity;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostReader;
import dev.openclawfleet.model.OpenClawNames;
import dev.openclawfleet.plist.PlistReads;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Answers the audit's queries about this Mac: files through {@link SafeFiles}' rules (only regular
 * files are opened, reads are capped), programs through the process seam with a timeout, at most
 * {@link #MAX_PARALLEL} at once.
 */
public final class LocalReader implements HostReader {
    /** At most this many programs at once. */
    public static final int MAX_PARALLEL = 8;
    private static final int S_IFMT = 0170000;

    private final long uid;
    private final Path home;
    private final Map<String, String> env;
    private final Duration timeout;
    private final ProcessRunner runner;

    /** A reader for {@code uid}, whose programs run with {@code env} (PATH decides which launchctl) and {@code timeout} each. */
    public LocalReader(long uid, Path home, Map<String, String> env, Duration timeout) {
        this.uid = uid;
        this.home = home;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
        this.runner = new ProcessRunner(env);
    }

    @Override
    public HostIdentity identity() {
        Set<String> tools = new LinkedHashSet<>();
        for (String tool : List.of("launchctl", "lsof", "ps")) {
            if (runner.has(tool)) {
                tools.add(tool);
            }
        }
        return new HostIdentity(uid, home, env.get("TMPDIR"), tools, System.getProperty("os.name", ""));
    }

    @Override
    public Map<HostQuery, HostAnswer> answer(List<HostQuery> queries) {
        Map<HostQuery, HostAnswer> out = new LinkedHashMap<>();
        List<HostQuery.Run> runs = queries.stream().filter(q -> q instanceof HostQuery.Run).map(q -> (HostQuery.Run) q).distinct().toList();
        Map<HostQuery.Run, Future<CommandRun>> started = new LinkedHashMap<>();
        ExecutorService pool = runs.isEmpty() ? null : Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, runs.size()), r -> {
            Thread t = new Thread(r, "local-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (HostQuery.Run run : runs) {
                started.put(run, pool.submit(() -> run(run)));
            }
            List<HostQuery> files = queries.stream().filter(q -> !(q instanceof HostQuery.Run)).distinct().toList();
            Map<Path, Set<String>> listed = foldersAskedAboutOften(files);
            HostAnswer[] answers = new HostAnswer[files.size()];
            // A listing reads (and may parse) its entries on both cores itself: asked inside a parallel stream it would run
            // on the one worker that took it, while the calling thread, which cannot help with a nested stream's tasks,
            // waited (10,000 plists were parsed on one core so). So listings are answered here, one after the other, and
            // only the files and tails, which do no parallel work of their own, are spread over the cores.
            List<Integer> plain = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i) instanceof HostQuery.ListDir l) {
                    answers[i] = list(l);
                } else {
                    plain.add(i);
                }
            }
            plain.parallelStream().forEach(i -> answers[i] = answerFile(files.get(i), listed));
            for (int i = 0; i < files.size(); i++) {
                out.put(files.get(i), answers[i]);
            }
            for (Map.Entry<HostQuery.Run, Future<CommandRun>> e : started.entrySet()) {
                out.put(e.getKey(), result(e.getValue()));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return out;
    }

    private HostAnswer answerFile(HostQuery query, Map<Path, Set<String>> listed) {
        if (query instanceof HostQuery.ReadFile r) {
            return absent(r.path(), listed) ? FileFact.missing() : fact(r.path(), r.max(), false);
        }
        if (query instanceof HostQuery.TailFile t) {
            return fact(t.path(), t.max(), true);
        }
        return list((HostQuery.ListDir) query);
    }

    private CommandRun run(HostQuery.Run query) {
        try {
            ProcessRunner.Result r = runner.run(timeout, query.program(), query.argv().subList(1, query.argv().size()).toArray(String[]::new));
            return new CommandRun.Done(r.exitCode(), r.stdout(), r.stderr(), Instant.now());
        } catch (ProcessRunner.ToolMissingException e) {
            return new CommandRun.Failed(e.getMessage(), true);
        } catch (FleetException e) {
            return new CommandRun.Failed(e.getMessage(), false);
        }
    }

    private static CommandRun result(Future<CommandRun> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new CommandRun.Failed("it failed: " + e.getCause().getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandRun.Failed("interrupted", false);
        }
    }

    /**
     * The names in each folder that holds two or more of the paths asked about, listed once (a state
     * dir's config, marker and .env files): a path that its folder's listing lacks is missing without
     * a stat of its own. An audit of 10,000 instances asks about 20,000 files that do not exist, and
     * a failing stat through the JDK costs several times a folder listing.
     */
    private static Map<Path, Set<String>> foldersAskedAboutOften(List<HostQuery> files) {
        Map<Path, Integer> asked = new java.util.HashMap<>();
        for (HostQuery q : files) {
            Path parent = q instanceof HostQuery.ReadFile r ? r.path().getParent() : null;
            if (parent != null) {
                asked.merge(parent, 1, Integer::sum);
            }
        }
        Map<Path, Set<String>> out = new java.util.concurrent.ConcurrentHashMap<>();
        // A few folders are listed faster on this thread than by waking the common pool.
        (asked.size() < 64 ? asked.entrySet().stream() : asked.entrySet().parallelStream()).filter(e -> e.getValue() >= 2).forEach(e -> {
            Set<String> names = namesIn(e.getKey());
            if (names != null) {
                out.put(e.getKey(), names);
            }
        });
        return out;
    }

    /** Most names a folder may hold for its listing to stand in for stats; a larger one is not listed. */
    static final int MAX_LISTED_NAMES = 512;

    /**
     * The names in {@code dir}, lower-cased too; null when the listing cannot stand in for a stat: a
     * folder we cannot enter (its files are "permission denied", not missing), cannot read, or that
     * holds too many entries.
     */
    private static Set<String> namesIn(Path dir) {
        if (!dir.toFile().canExecute()) {
            return null;
        }
        Set<String> names = new java.util.HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                names.add(name);
                names.add(name.toLowerCase(java.util.Locale.ROOT));
                if (names.size() > 2 * MAX_LISTED_NAMES) {
                    return null;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return null;
        }
        return names;
    }

    /**
     * Whether {@code path} is surely missing by its folder's listing. Only for plain ASCII names, and
     * only when no name differs from it by case alone: macOS file systems usually ignore case (and
     * normalize Unicode), where a stat would find what an exact look-up misses.
     */
    static boolean absent(Path path, Map<Path, Set<String>> listed) {
        Path parent = path.getParent();
        Set<String> names = parent == null ? null : listed.get(parent);
        if (names == null || path.getFileName() == null) {
            return false;
        }
        String name = path.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return !names.contains(name) && !names.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The folder's entries whose names match, each read up to the cap; with {@code select} only those that may be OpenClaw's. */
    DirListing list(HostQuery.ListDir query) {
        Path dir = query.dir();
        FileFact self = fact(dir, 0, false);
        if (!self.directory()) {
            return new DirListing(self, List.of(), null);
        }
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Globs.matchesAny(entry.getFileName().toString(), query.globs())) {
                    names.add(entry);
                }
            }
        } catch (IOException e) {
            return new DirListing(self, List.of(), "cannot read the directory: " + SafeFiles.ioReason(e));
        }
        names.sort(null);
        if (query.plists() && query.readMax() > 0 && names.size() >= PLIST_BATCHES_FROM) {
            return new DirListing(self, plistEntries(names, query), null);
        }
        List<DirListing.Entry> entries = names.parallelStream().map(p -> {
            String name = p.getFileName().toString();
            FileFact f = fact(p, query.readMax(), false);
            if (query.select() && !OpenClawNames.mayConcern(name, f.content())) {
                return null;
            }
            if (query.plists() && query.readMax() > 0) {
                // Parsed as read, on this thread: the bytes of 10,000 plists are never all alive at once (the
                // locator keeps the length, not the fact that holds the bytes).
                int length = f.content() == null ? 0 : f.content().length;
                return new DirListing.Entry(name, f.withoutContent(), PlistReads.of(p, f, uid, () -> SafeFiles.readAgain(p, length)));
            }
            return new DirListing.Entry(name, f);
        }).filter(java.util.Objects::nonNull).toList();
        return new DirListing(self, entries, null);
    }

    /** A folder with this many plists or more has them parsed in batches. */
    private static final int PLIST_BATCHES_FROM = 64;

    /**
     * The entries of a large folder of plists, each read and parsed with the outcome the one-by-one
     * path above gives it: a batch of files per task, parsed many XML plists to one XML document, so
     * only a batch's bytes are alive per thread.
     */
    private List<DirListing.Entry> plistEntries(List<Path> names, HostQuery.ListDir query) {
        return PlistScanner.batches(names, PlistScanner.BATCH_FILES).parallelStream().flatMap(batch -> {
            DirListing.Entry[] out = new DirListing.Entry[batch.size()];
            List<PlistReads.Source> sources = new ArrayList<>(batch.size());
            List<Integer> at = new ArrayList<>(batch.size());
            List<FileFact> facts = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Path p = batch.get(i);
                String name = p.getFileName().toString();
                FileFact f = fact(p, query.readMax(), false);
                if (query.select() && !OpenClawNames.mayConcern(name, f.content())) {
                    continue;
                }
                if (f.content() == null) {
                    out[i] = new DirListing.Entry(name, f, PlistReads.of(p, f, uid));
                    continue;
                }
                int length = f.content().length;
                sources.add(new PlistReads.Source(p, f.facts(uid), f.content(), () -> SafeFiles.readAgain(p, length)));
                at.add(i);
                facts.add(f.withoutContent());
            }
            List<dev.openclawfleet.model.PlistRead> reads = PlistReads.parsedAll(sources);
            for (int k = 0; k < reads.size(); k++) {
                int i = at.get(k);
                out[i] = new DirListing.Entry(batch.get(i).getFileName().toString(), facts.get(k), reads.get(k));
            }
            return java.util.Arrays.stream(out).filter(java.util.Objects::nonNull);
        }).toList();
    }

    /**
     * What is at {@code path}: the link itself first (a missing path and a folder that cannot be
     * entered differ), then what it points to, then, when asked and it is a regular file, its first
     * (or, for a tail, its last) bytes up to {@code max}.
     */
    FileFact fact(Path path, int max, boolean tail) {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(path, "unix:mode,uid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return FileFact.missing();
        } catch (AccessDeniedException e) {
            Path parent = path.getParent();
            return FileFact.inaccessible(parent == null ? -1 : SafeFiles.directoryMode(parent));
        } catch (IOException | UnsupportedOperationException e) {
            return FileFact.unknown(e instanceof IOException io ? SafeFiles.ioReason(io) : "cannot read its attributes");
        }
        boolean link = (((Number) attrs.get("mode")).intValue() & S_IFMT) == 0120000;
        if (link) {
            try {
                attrs = Files.readAttributes(path, "unix:mode,uid,size,lastModifiedTime");
            } catch (NoSuchFileException e) {
                return new FileFact(FileKind.DANGLING_LINK, true, -1, -1, null, 0, null, null,
                        "it is a symbolic link to a file that does not exist", -1);
            } catch (IOException | UnsupportedOperationException e) {
                return new FileFact(FileKind.UNKNOWN, true, -1, -1, null, 0, null, null,
                        e instanceof IOException io ? SafeFiles.ioReason(io) : "cannot read its attributes", -1);
            }
        }
        int mode = ((Number) attrs.get("mode")).intValue();
        long owner = ((Number) attrs.get("uid")).longValue();
        long size = ((Number) attrs.get("size")).longValue();
        Instant modified = ((FileTime) attrs.get("lastModifiedTime")).toInstant();
        FileKind kind = kind(mode);
        byte[] content = null;
        String problem = null;
        if (max > 0) {
            if (kind != FileKind.REGULAR) {
                problem = SafeFiles.notRegular(mode);
            } else {
                try {
                    // Not a link: the attributes just read are the file's own, and need not be read again.
                    content = tail ? tail(path, max) : link ? SafeFiles.readRegular(path, max) : SafeFiles.readRegular(path, attrs, max);
                } catch (FileReadException e) {
                    problem = e.getMessage();
                } catch (AccessDeniedException e) {
                    problem = "permission denied";
                } catch (IOException e) {
                    problem = SafeFiles.ioReason(e);
                }
            }
        }
        return new FileFact(kind, link, mode & 07777, owner, SafeFiles.owner(path, owner, uid), size, modified, content, problem, -1);
    }

    private static byte[] tail(Path path, int max) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, max);
            byte[] out = new byte[size];
            file.seek(length - size);
            file.readFully(out);
            return out;
        }
    }

    static FileKind kind(int mode) {
        return switch (mode & S_IFMT) {
            case 0100000 -> FileKind.REGULAR;
            case 0040000 -> FileKind.DIRECTORY;
            case 0010000 -> FileKind.FIFO;
            case 0020000 -> FileKind.CHARACTER_DEVICE;
            case 0060000 -> FileKind.BLOCK_DEVICE;
            case 0140000 -> FileKind.SOCKET;
            default -> FileKind.OTHER;
        };
    }
}
