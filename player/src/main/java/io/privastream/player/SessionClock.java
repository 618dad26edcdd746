package io.privastream.player;

import io.privastream.core.time.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A session's time: when it began, when it must end (the session limit), whether it was
 * stopped, and waiting that wakes up on {@link #stop()}. Every reading goes through
 * {@link #tick()}, which tells the session to bring its model and listener up to date.
 *
 * <p>{@link #stop()} is thread-safe; everything else belongs to the playing thread.
 */
final class SessionClock implements Http.Guard {

    /** Called on every tick with the time, and whether a progress report is due. */
    interface OnTick {
        void at(long nowNanos, boolean progressDue);
    }

    private final Ticker ticker;
    private final Duration progressInterval;
    private final long start;
    private final long endAt;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private OnTick onTick = (now, due) -> { };
    private long nextProgress;

    SessionClock(Ticker ticker, Duration progressInterval, Optional<Duration> limit) {
        this.ticker = ticker;
        this.progressInterval = progressInterval;
        this.start = ticker.nanos();
        this.endAt = limit.map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        this.nextProgress = start + progressInterval.toNanos();
    }

    void onTick(OnTick callback) {
        this.onTick = callback;
    }

    /** The ticker reading when the session began (the manifest request). */
    long start() {
        return start;
    }

    /** When the session limit ends it (ticker), {@code Long.MAX_VALUE} without a limit. */
    long endAt() {
        return endAt;
    }

    /** The current reading, without the session checks. */
    long now() {
        return ticker.nanos();
    }

    void stop() {
        stopped.countDown();
    }

    /** Reads the clock and runs the tick callback; throws when the session is over. */
    long tick() throws SessionOver {
        long now = ticker.nanos();
        if (stopped.getCount() == 0) {
            throw new SessionOver(PlayerReport.End.STOPPED);
        }
        if (now >= endAt) {
            throw new SessionOver(PlayerReport.End.DURATION_LIMIT);
        }
        boolean due = now >= nextProgress;
        if (due) {
            nextProgress = now + progressInterval.toNanos();
        }
        onTick.at(now, due);
        return now;
    }

    /** Waits until {@code untilNanos}, ticking at least every progress interval. */
    void pause(long untilNanos) throws SessionOver {
        while (true) {
            long now = tick();
            if (now >= untilNanos) {
                return;
            }
            long wake = Math.min(Math.min(untilNanos, nextProgress), endAt);
            try {
                if (stopped.await(Math.max(1, wake - now), TimeUnit.NANOSECONDS)) {
                    throw new SessionOver(PlayerReport.End.STOPPED);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionOver(PlayerReport.End.STOPPED);
            }
        }
    }

    @Override
    public long check() throws SessionOver {
        tick();
        return endAt;
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws SessionOver {
        pause(deadlineNanos);
    }
}
