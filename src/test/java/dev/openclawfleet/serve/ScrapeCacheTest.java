package dev.openclawfleet.serve;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache's time rule on a clock the test moves. */
class ScrapeCacheTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger audits = new AtomicInteger();

    @Test
    void aResultServesScrapesWithinTheTtlAndNotAfter() {
        ScrapeCache<Integer> cache = new ScrapeCache<>(audits::incrementAndGet, Duration.ofSeconds(5), now::get);
        assertThat(cache.get()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cache.get()).isEqualTo(1);
        now.addAndGet(1);
        assertThat(cache.get()).isEqualTo(2);
        assertThat(audits).hasValue(2);
    }

    @Test
    void withoutTtlEveryLaterScrapeAudits() {
        ScrapeCache<Integer> cache = new ScrapeCache<>(audits::incrementAndGet, Duration.ZERO, now::get);
        cache.get();
        now.incrementAndGet();
        cache.get();
        assertThat(audits).hasValue(2);
    }

    @Test
    void aFailedAuditIsNotKept() {
        ScrapeCache<Integer> cache = new ScrapeCache<>(() -> {
            if (audits.incrementAndGet() == 1) {
                throw new IllegalStateException("launchctl hung");
            }
            return audits.get();
        }, Duration.ofSeconds(5), now::get);
        assertThatThrownBy(cache::get).hasMessage("launchctl hung");
        assertThat(cache.get()).isEqualTo(2);
    }
}
