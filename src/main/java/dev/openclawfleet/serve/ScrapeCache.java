package dev.openclawfleet.serve;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * At most one audit at a time, and its result shared: a scrape that arrives while an audit runs
 * waits for it and gets its result; one that arrives within {@code ttl} after an audit finished
 * gets that result too; any later scrape runs a fresh audit. A failed audit is not kept.
 */
public final class ScrapeCache<T> {
    private final Supplier<T> source;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock(true);
    private T last;
    private long lastFinished;

    public ScrapeCache(Supplier<T> source, Duration ttl, LongSupplier nanoClock) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
    }

    /** Scrapes waiting for the audit in progress (they will share its result). */
    public int waiting() {
        return lock.getQueueLength();
    }

    public T get() {
        long arrived = clock.getAsLong();
        lock.lock();
        try {
            if (last != null && arrived - lastFinished <= ttlNanos) {
                return last;
            }
            T fresh = source.get();
            last = fresh;
            lastFinished = clock.getAsLong();
            return fresh;
        } finally {
            lock.unlock();
        }
    }
}
