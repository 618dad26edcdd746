package io.privastream.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that only moves when told to: the clock of unit tests and of the simulator.
 *
 * <p>Thread-safe. Starts at {@code 0} unless given another start.
 */
public final class ManualTicker implements Ticker {
    private final AtomicLong nanos;

    /** A ticker reading {@code 0}. */
    public ManualTicker() {
        this(0L);
    }

    /** A ticker reading {@code startNanos}. */
    public ManualTicker(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public ManualTicker advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got step " + step);
        }
        nanos.addAndGet(step.toNanos());
        return this;
    }

    /**
     * Sets the clock to {@code nowNanos}.
     *
     * @throws IllegalArgumentException if {@code nowNanos} is before the current reading
     */
    public ManualTicker set(long nowNanos) {
        long before = nanos.getAndUpdate(old -> Math.max(old, nowNanos));
        if (nowNanos < before) {
            throw new IllegalArgumentException("time only moves forward; now " + before + " ns, asked " + nowNanos + " ns");
        }
        return this;
    }
}
