package io.privastream.core.time;

/**
 * A source of monotonic time in nanoseconds, injected into every decision class.
 *
 * <p>Decision code never reads the system clock itself: the networked components pass
 * {@link #system()}, tests and the simulator pass a {@link ManualTicker}. Only differences
 * between two readings are meaningful; the origin is arbitrary.
 */
@FunctionalInterface
public interface Ticker {

    /** Current reading in nanoseconds; never decreases between calls on the same ticker. */
    long nanos();

    /** Current reading in milliseconds ({@link #nanos()} / 10^6). */
    default long millis() {
        return nanos() / 1_000_000L;
    }

    /** The JVM's monotonic clock ({@link System#nanoTime()}); for networked components only. */
    static Ticker system() {
        return System::nanoTime;
    }
}
