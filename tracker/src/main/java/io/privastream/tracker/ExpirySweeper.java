package io.privastream.tracker;

import io.privastream.core.swarm.ExpiryReport;
import io.privastream.core.swarm.SwarmBook;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A virtual thread that calls {@link SwarmBook#expire()} every interval until closed. */
final class ExpirySweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final SwarmBook book;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    ExpirySweeper(SwarmBook book, Duration interval) {
        this.book = book;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("tracker-expiry").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                sweepOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop
        }
    }

    private void sweepOnce() {
        try {
            ExpiryReport report = book.expire();
            if (!report.isEmpty()) {
                LOG.debug("expired {} peers, {} holdings, {} swarms", report.peers(), report.holdings(), report.swarms());
            }
        } catch (RuntimeException e) {
            // One failed sweep must not end expiry for good; the next one retries.
            LOG.warn("expiry sweep failed; next try in {}", interval, e);
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            if (thread.isAlive() && !thread.join(STOP_WAIT)) {
                LOG.warn("expiry sweeper did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
