package io.privastream.core.rate;

import io.privastream.core.time.Ticker;
import java.time.Duration;

/**
 * One uplink shared by two classes of traffic: <em>foreground</em> answers, paced by the link's
 * bucket as usual, and <em>background</em> answers that send only while no foreground bytes are
 * due (a scavenger class, as LEDBAT is for TCP), so they use what the foreground leaves idle.
 *
 * <p>Why: decoy downloads (cover traffic that blurs what a viewer watches) cost the swarm and the
 * origin uplink that real segments need in the same seconds. Served as background they cost idle
 * capacity only.
 *
 * <p>So that a background answer is not starved forever under a busy foreground, the background
 * answers of one uplink together may also send a small share of its rate while the foreground
 * is busy ({@link #DEFAULT_KEEP_ALIVE_SHARE}, one chunk at a time, first asker first). Shared, not
 * per answer: forty held answers trickling one chunk each per second took a quarter of a
 * 10 Mbit/s origin (measured, docs/experiments.md). A background requester therefore waits long on
 * a silent source ({@code DownloadTuning.BACKGROUND_STALL_TIMEOUT}).
 *
 * <p>Thread-safe. Time comes from the injected {@link Ticker}; nothing here sleeps.
 */
public final class ScavengerUplink {
    /** Default quiet time after the last foreground byte is due before background may send: 50 ms. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(50);
    /** Default share of the uplink's rate the background answers may use while the foreground is busy: 2 %. */
    public static final double DEFAULT_KEEP_ALIVE_SHARE = 0.02;

    private final TokenBucket bucket;
    private final Ticker ticker;
    private final long quietNanos;
    /** An unlimited uplink: nothing to share, background answers never hold. */
    private final boolean unlimited;
    /** Background bytes allowed while the foreground is busy; null for none. */
    private final TokenBucket keepAlive;
    private final Pacer foreground;
    /** Ticker reading until which reserved foreground bytes are still leaving. */
    private long foregroundUntil;

    /**
     * @param bucket         the uplink's bucket, shared by both classes
     * @param quiet          how long after the foreground's last due byte the link counts as idle, >= 0
     * @param keepAliveShare share of the uplink's rate background answers may use while the
     *                       foreground is busy, in [0, 1) (0: none, they wait for idle)
     * @throws IllegalArgumentException when a value is out of range
     */
    public ScavengerUplink(TokenBucket bucket, Ticker ticker, Duration quiet, double keepAliveShare) {
        if (quiet.isNegative() || !(keepAliveShare >= 0 && keepAliveShare < 1)) {
            throw new IllegalArgumentException("scavenger quiet must be >= 0 and keep-alive share in [0, 1), got " + quiet + " and "
                    + keepAliveShare);
        }
        this.bucket = bucket;
        this.ticker = ticker;
        this.quietNanos = quiet.toNanos();
        this.unlimited = bucket.rate().isUnlimited();
        long keepAliveBits = unlimited ? 0 : (long) (bucket.rate().bitsPerSecond() * keepAliveShare);
        this.keepAlive = keepAliveBits <= 0 ? null : new TokenBucket(Bandwidth.bitsPerSecond(keepAliveBits), Pacer.CHUNK_BYTES, ticker);
        this.foregroundUntil = ticker.nanos() - quietNanos;
        this.foreground = bytes -> {
            long wait = bucket.reserve(bytes);
            synchronized (this) {
                foregroundUntil = Math.max(foregroundUntil, ticker.nanos() + wait);
            }
            return wait;
        };
    }

    /** {@link #DEFAULT_QUIET} and {@link #DEFAULT_KEEP_ALIVE_SHARE}. */
    public ScavengerUplink(TokenBucket bucket, Ticker ticker) {
        this(bucket, ticker, DEFAULT_QUIET, DEFAULT_KEEP_ALIVE_SHARE);
    }

    /** The pacer for foreground answers (shared). */
    public Pacer foreground() {
        return foreground;
    }

    /** A pacer for one background answer: holds while the foreground is sending. */
    public Pacer background() {
        return new Pacer() {
            @Override
            public long holdNanos() {
                return backgroundHold();
            }

            @Override
            public long reserve(long bytes) {
                return bucket.reserve(bytes);
            }
        };
    }

    /** 0 when a background chunk may go now (taking a keep-alive turn if the foreground is busy), else how long to wait. */
    private synchronized long backgroundHold() {
        if (unlimited) {
            return 0;
        }
        long now = ticker.nanos();
        long idleIn = foregroundUntil + quietNanos - now;
        if (idleIn <= 0) {
            return 0;
        }
        if (keepAlive == null) {
            return idleIn;
        }
        // Tokens may not go negative here: a turn is taken only when a whole chunk is there.
        double tokens = keepAlive.available();
        if (tokens >= Pacer.CHUNK_BYTES) {
            keepAlive.reserve(Pacer.CHUNK_BYTES);
            return 0;
        }
        long turnIn = (long) Math.ceil((Pacer.CHUNK_BYTES - tokens) * 1e9 / keepAlive.rate().bytesPerSecond());
        return Math.max(1, Math.min(idleIn, turnIn));
    }
}
