package dev.openclawfleet.system;

import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.plist.PlistReads;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds {@code *.plist} files in the paths a user names and reads them, in parallel. Paths keep
 * the form the user gave (relative stays relative) so findings point where the user looks.
 */
public final class PlistScanner {
    /** Plists larger than this are not parsed: launchd jobs are a few KiB. */
    public static final int MAX_PLIST_BYTES = 1 << 20;
    private static final int PARALLEL_FROM = 64;

    private final long currentUid;

    public PlistScanner(long currentUid) {
        this.currentUid = currentUid;
    }

    /** What a scan found: every candidate file read or failed, plus problems that make the scan incomplete. */
    public record Scan(List<PlistRead> reads, List<String> problems) {
    }

    /** What a scan found, each read already turned into what the caller keeps of it. */
    public record Mapped<T>(List<T> items, List<String> problems) {
    }

    /** Scans files and directories; {@code accept} filters file names inside directories. */
    public Scan scan(List<Path> paths, boolean recursive, Predicate<String> accept) {
        Mapped<PlistRead> mapped = scan(paths, recursive, accept, read -> read);
        return new Scan(mapped.items(), mapped.problems());
    }

    /**
     * Like {@link #scan(List, boolean, Predicate)}, but each read goes to {@code then} as soon as it is
     * parsed, in the same parallel task: the parsed trees of a large fleet are not all kept at once.
     */
    public <T> Mapped<T> scan(List<Path> paths, boolean recursive, Predicate<String> accept, Function<PlistRead, T> then) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = recursive ? walk(path, accept, problems) : list(path, accept, problems);
                for (Path f : found) {
                    if (seen.add(f.toAbsolutePath().normalize())) {
                        files.add(f);
                    }
                }
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (seen.add(path.toAbsolutePath().normalize())) {
                    files.add(path);
                }
            } else {
                problems.add(path + ": no such file or directory");
            }
        }
        if (files.size() < PARALLEL_FROM) {
            // A few files are read faster on this thread than by starting the common pool's threads.
            return new Mapped<>(files.stream().map(f -> then.apply(read(f))).toList(), List.copyOf(problems));
        }
        // Many files: read and parsed BATCH_FILES at a time (many XML plists to one XML document), each
        // batch on one thread, and each read mapped at once, so only a batch's bytes are alive per thread.
        List<List<Path>> batches = batches(new ArrayList<>(files), BATCH_FILES);
        List<T> items = batches.parallelStream().flatMap(batch -> readAll(batch).stream().map(then)).toList();
        return new Mapped<>(items, List.copyOf(problems));
    }

    /** Files per parse batch: large enough to share a parser's set-up, small enough to keep a thread's bytes small. */
    static final int BATCH_FILES = 32;

    /** {@code items} in runs of {@code size}, in order. */
    public static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>(items.size() / size + 1);
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    /** Reads and parses these files, in order, with the same outcome {@link #read(Path)} gives each; never throws. */
    List<PlistRead> readAll(List<Path> paths) {
        PlistRead[] out = new PlistRead[paths.size()];
        List<PlistReads.Source> sources = new ArrayList<>(paths.size());
        List<Integer> at = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            Path path = paths.get(i);
            try {
                SafeFiles.Contents contents = SafeFiles.read(path, MAX_PLIST_BYTES, currentUid);
                int length = contents.bytes().length;
                sources.add(new PlistReads.Source(path, contents.facts(), contents.bytes(), () -> SafeFiles.readAgain(path, length)));
                at.add(i);
            } catch (FileReadException e) {
                out[i] = new PlistRead.Failed(path, e.getMessage());
            }
        }
        List<PlistRead> parsed = PlistReads.parsedAll(sources);
        for (int k = 0; k < parsed.size(); k++) {
            out[at.get(k)] = parsed.get(k);
        }
        return java.util.Arrays.asList(out);
    }

    /** Reads and parses one file; never throws. */
    public PlistRead read(Path path) {
        try {
            SafeFiles.Contents contents = SafeFiles.read(path, MAX_PLIST_BYTES, currentUid);
            // The locator reads the file again only if a finding needs a line: 10,000 plists' bytes are not kept.
            int length = contents.bytes().length;
            return PlistReads.parsed(path, contents.facts(), contents.bytes(), () -> SafeFiles.readAgain(path, length));
        } catch (FileReadException e) {
            return new PlistRead.Failed(path, e.getMessage());
        }
    }

    private static List<Path> list(Path dir, Predicate<String> accept, List<String> problems) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (accept.test(entry.getFileName().toString())) {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot read the directory: " + SafeFiles.ioReason(e));
        }
        out.sort(null);
        return out;
    }

    private static List<Path> walk(Path dir, Predicate<String> accept, List<String> problems) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && accept.test(d.getFileName().toString())) {
                        out.add(d); // a directory named *.plist: reported, not descended into
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (accept.test(f.getFileName().toString())) {
                        out.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                        problems.add(f + ": cannot read the directory: " + SafeFiles.ioReason(e));
                    } else if (accept.test(f.getFileName().toString())) {
                        out.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(dir + ": cannot read the directory: " + SafeFiles.ioReason(e));
        }
        out.sort(null);
        return out;
    }

    /** The file-name filter for {@code fleet lint}: every {@code *.plist}. */
    public static boolean isPlistName(String name) {
        return name.endsWith(".plist");
    }
}
