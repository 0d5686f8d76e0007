package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An exclusive lock on {@code <root>/.fleet.lock} that serialises commands changing the fleet
 * (two add-instance runs must not pick the same port or name). It is an OS lock: it goes away
 * with the process, kill -9 included, so a crash never leaves the fleet locked. The file is
 * created 0600 (another user who could open it could hold a read lock and block every change),
 * never through a link, and holds the pid of the command that has the lock, so a waiting command
 * can say who it waits for.
 */
public final class FleetLock implements AutoCloseable {
    public static final String FILE = ".fleet.lock";
    private static final Duration LSOF_TIMEOUT = Duration.ofSeconds(5);

    private final FileChannel channel;
    private final FileLock lock;

    private FleetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code patience} for the lock, polling, without saying who holds it meanwhile. */
    public static FleetLock acquire(Path root, Duration patience) {
        return acquire(root, patience, null, line -> {
        });
    }

    /**
     * Waits up to {@code patience} for the lock, polling. While it waits it says once which process
     * holds the lock (found with {@code lsof} through {@code runner} when it is on PATH, else from
     * the pid the holder wrote into the file).
     */
    public static FleetLock acquire(Path root, Duration patience, ProcessRunner runner, Consumer<String> say) {
        Path file = root.resolve(FILE);
        long deadline = System.nanoTime() + patience.toNanos();
        FileChannel channel = open(file);
        try {
            boolean told = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    recordHolder(channel);
                    return new FleetLock(channel, lock);
                }
                if (!told) {
                    say.accept("waiting for " + file + ": it is held by " + holder(file, runner));
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw FleetException.operational(file + " has been held by " + holder(file, runner) + " for "
                            + patience.toSeconds() + " s; try again when it has finished (nothing was changed)");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw FleetException.operational(file + ": cannot lock it: " + SafeFiles.ioReason(e));
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw FleetException.operational(file + ": interrupted while waiting for the lock");
        }
    }

    /** Opens (creating it 0600) the lock file: a regular file the user owns, never a link. */
    private static FileChannel open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0600));
        } catch (AccessDeniedException e) {
            throw FleetException.operational(file + ": cannot create or open the lock file: permission denied (you cannot write to "
                    + file.getParent() + ")");
        } catch (IOException e) {
            String reason = SafeFiles.ioReason(e);
            throw FleetException.operational(file + ": cannot create or open the lock file: "
                    + (reason.contains("symbolic link") || Files.isSymbolicLink(file) ? "it is a symbolic link, which fleet never follows" : reason));
        }
        try {
            Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = ((Number) attrs.get("mode")).intValue();
            long owner = ((Number) attrs.get("uid")).longValue();
            long me = new com.sun.security.auth.module.UnixSystem().getUid();
            if ((mode & 0170000) != 0100000 || owner != me && me != 0) {
                channel.close();
                throw FleetException.operational(file + " is refused: it is " + ((mode & 0170000) != 0100000 ? SafeFiles.kind(mode)
                        : "owned by uid " + owner + ", not by you") + "; move it away and run the command again");
            }
            if ((mode & 0777) != 0600 && owner == me) {
                // A lock file from an older version (or another umask): tightened without following links.
                Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(AtomicFiles.MODE_0600);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw FleetException.operational(file + ": cannot check the lock file: " + SafeFiles.ioReason(e));
        }
        return channel;
    }

    private static void recordHolder(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    /** "pid 123 (java, user luca)", or why the holder cannot be named. */
    static String holder(Path file, ProcessRunner runner) {
        Set<Long> pids = new LinkedHashSet<>();
        if (runner != null && runner.has("lsof")) {
            try {
                ProcessRunner.Result r = runner.run(LSOF_TIMEOUT, "lsof", "-t", "--", file.toString());
                r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty() && l.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong).filter(p -> p != ProcessHandle.current().pid()).forEach(pids::add);
            } catch (RuntimeException e) {
                // lsof failed or timed out: fall back to the pid the holder wrote
            }
        }
        if (pids.isEmpty()) {
            recordedPid(file).filter(p -> p != ProcessHandle.current().pid()
                    && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).ifPresent(pids::add);
        }
        if (pids.isEmpty()) {
            return "a process fleet cannot see (perhaps another user's; `lsof " + file + "` as root names it)";
        }
        StringBuilder out = new StringBuilder();
        for (long pid : pids) {
            out.append(out.length() == 0 ? "" : ", ").append(describe(pid));
        }
        return out.toString();
    }

    private static String describe(long pid) {
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
        String program = info.flatMap(ProcessHandle.Info::command).map(c -> Path.of(c).getFileName().toString()).orElse(null);
        String user = info.flatMap(ProcessHandle.Info::user).orElse(null);
        String details = program == null && user == null ? "" : " (" + (program == null ? "" : dev.openclawfleet.model.Text.printable(program, 60))
                + (program != null && user != null ? ", " : "") + (user == null ? "" : "user " + dev.openclawfleet.model.Text.printable(user, 40)) + ")";
        return "pid " + pid + details;
    }

    private static Optional<Long> recordedPid(Path file) {
        try {
            String text = new String(SafeFiles.readRegular(file, 64), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 12 ? Optional.empty()
                    : Optional.of(Long.parseLong(text));
        } catch (FileReadException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases any lock; nothing else to do
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock dies with the channel anyway
        }
    }
}
