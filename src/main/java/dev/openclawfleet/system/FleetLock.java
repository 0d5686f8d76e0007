package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on {@code <root>/.fleet.lock} that serialises commands changing the fleet
 * (two add-instance runs must not pick the same port or name). It is an OS lock: it goes away
 * with the process, kill -9 included, so a crash never leaves the fleet locked.
 */
public final class FleetLock implements AutoCloseable {
    public static final String FILE = ".fleet.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FleetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code patience} for the lock, polling; another fleet command holds it meanwhile. */
    public static FleetLock acquire(Path root, Duration patience) {
        Path file = root.resolve(FILE);
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new FleetLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw FleetException.operational("another fleet command has held " + file + " for " + patience.toSeconds()
                            + " s; try again when it has finished");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw FleetException.operational(file + ": cannot lock: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FleetException.operational(file + ": interrupted while waiting for the lock");
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
