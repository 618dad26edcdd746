package io.privastream.core.rate;

import io.privastream.core.time.Ticker;

/**
 * A token bucket that paces bytes through an emulated link.
 *
 * <p>Callers {@link #reserve(long) reserve} bytes before sending or after receiving them and
 * wait the returned time. Tokens may go negative: a reservation larger than the bucket holds
 * is granted at once and the debt is repaid by later callers waiting longer, so concurrent
 * users are served in the order they asked and the long-run rate never exceeds the cap.
 *
 * <p>Thread-safe. Time comes from the injected {@link Ticker}; the bucket never sleeps itself.
 */
public final class TokenBucket implements Pacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Bandwidth rate;
    private final long burstBytes;
    private final Ticker ticker;
    private double tokens;
    private long lastRefillNanos;

    /**
     * A bucket filling at {@code rate}, holding at most {@code burstBytes}; it starts full.
     *
     * @param rate       the cap; {@link Bandwidth#UNLIMITED} makes every reservation free
     * @param burstBytes bucket depth in bytes, at least 1
     * @throws IllegalArgumentException if {@code burstBytes < 1}
     */
    public TokenBucket(Bandwidth rate, long burstBytes, Ticker ticker) {
        if (burstBytes < 1) {
            throw new IllegalArgumentException("burst must be >= 1 byte, got " + burstBytes);
        }
        this.rate = rate;
        this.burstBytes = burstBytes;
        this.ticker = ticker;
        this.tokens = burstBytes;
        this.lastRefillNanos = ticker.nanos();
    }

    /**
     * A bucket at {@code rate} with a burst of 50 ms worth of bytes (at least 16 KiB), which keeps
     * the emulated link smooth at the time scale of a segment download.
     */
    public static TokenBucket forLink(Bandwidth rate, Ticker ticker) {
        long burst = Math.max(16 * 1024, rate.bytesPerSecond() / 20);
        return new TokenBucket(rate, burst, ticker);
    }

    /** A bucket that never makes anyone wait. */
    public static TokenBucket unlimited(Ticker ticker) {
        return new TokenBucket(Bandwidth.UNLIMITED, 1, ticker);
    }

    /** The bucket's depth: the most tokens it holds, bytes. */
    public long burstBytes() {
        return burstBytes;
    }

    /** The cap this bucket enforces. */
    public Bandwidth rate() {
        return rate;
    }

    /**
     * Takes {@code bytes} tokens and returns how long the caller must wait before using them.
     *
     * @param bytes number of bytes, at least 0
     * @return nanoseconds to wait; 0 when the tokens were available or the bucket is unlimited
     * @throws IllegalArgumentException if {@code bytes < 0}
     */
    @Override
    public synchronized long reserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve a negative number of bytes: " + bytes);
        }
        if (rate.isUnlimited() || bytes == 0) {
            return 0;
        }
        refill();
        tokens -= bytes;
        if (tokens >= 0) {
            return 0;
        }
        return (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate.bytesPerSecond());
    }

    /**
     * Gives back {@code bytes} tokens reserved and not used (at most up to the bucket's depth).
     *
     * @throws IllegalArgumentException if {@code bytes < 0}
     */
    public synchronized void refund(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot refund a negative number of bytes: " + bytes);
        }
        refill();
        tokens = Math.min(burstBytes, tokens + bytes);
    }

    /** Tokens currently available (negative while callers are repaying a debt). */
    public synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = ticker.nanos();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(burstBytes, tokens + (double) elapsed * rate.bytesPerSecond() / NANOS_PER_SECOND);
            lastRefillNanos = now;
        }
    }
}
