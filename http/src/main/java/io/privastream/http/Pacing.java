package io.privastream.http;

import io.privastream.core.rate.Pacer;
import java.io.InterruptedIOException;
import java.time.Duration;

/** Waiting out a token bucket's answer on the current (virtual) thread. */
public final class Pacing {
    private Pacing() {
    }

    /**
     * Waits until {@code pacer} lets {@code bytes} go: first its holds, then its reservation.
     *
     * @throws InterruptedIOException if the thread is interrupted (its interrupt flag is kept)
     */
    public static void pace(Pacer pacer, long bytes) throws InterruptedIOException {
        for (long hold = pacer.holdNanos(); hold > 0; hold = pacer.holdNanos()) {
            pause(hold);
        }
        pause(pacer.reserve(bytes));
    }

    /**
     * Sleeps {@code nanos} (nothing when {@code nanos <= 0}).
     *
     * @throws InterruptedIOException if the thread is interrupted (its interrupt flag is kept)
     */
    public static void pause(long nanos) throws InterruptedIOException {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing");
        }
    }
}
