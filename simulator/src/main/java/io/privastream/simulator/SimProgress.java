package io.privastream.simulator;

import java.util.Locale;

/**
 * Where a running simulation is.
 *
 * @param simulatedNanos simulated time reached
 * @param totalNanos     the session's length
 * @param viewers        viewers present now
 * @param events         events run so far
 * @param wallSeconds    real time spent so far
 */
public record SimProgress(long simulatedNanos, long totalNanos, int viewers, long events, double wallSeconds) {

    /** One line for a terminal. */
    public String line() {
        return String.format(Locale.ROOT, "simulated %5.0f / %.0f s (%3.0f %%), %,d viewers present, %,d events, %.1f s wall",
                simulatedNanos / 1e9, totalNanos / 1e9, 100.0 * simulatedNanos / totalNanos, viewers, events, wallSeconds);
    }
}
