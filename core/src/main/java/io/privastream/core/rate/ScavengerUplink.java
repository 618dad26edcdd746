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
    /** A background chunk's turn on an idle link: a chunk, or the bucket's depth if smaller (else it never fills enough). */
    private final long idleChunk;

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
        this.idleChunk = Math.min(Pacer.CHUNK_BYTES, bucket.burstBytes());
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

    /**
     * A pacer for one background answer: holds while the foreground is sending, and never puts
     * the link in debt while it is idle. Each chunk's bytes are taken from the bucket when
     * {@link Pacer#holdNanos()} grants the turn (under this link's lock), and only if the bucket
     * holds them: background answers that each reserved a chunk whenever the link looked idle left
     * the bucket as many chunks in debt as there were of them, and the next foreground answer
     * waited that debt out before its first byte (forty of them at a 10 Mbit/s origin make half a
     * second of debt).
     */
    public Pacer background() {
        return new BackgroundPacer();
    }

    /** One background answer's turns; used by its one writing thread. */
    private final class BackgroundPacer implements Pacer {
        /** Bytes taken from the bucket for the next chunk when its turn was granted. */
        private long granted;
        /** What the caller must still wait for the granted bytes (a keep-alive turn may go into debt). */
        private long grantedWaitNanos;

        @Override
        public long holdNanos() {
            if (granted > 0 || unlimited) {
                return 0;
            }
            return turn(this);
        }

        @Override
        public long reserve(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cannot reserve a negative number of bytes: " + bytes);
            }
            long wait = grantedWaitNanos;
            long extra = bytes - granted;
            granted = 0;
            grantedWaitNanos = 0;
            if (extra < 0) {
                // A chunk smaller than its turn (a relay passing on what it has) gives the rest back.
                bucket.refund(-extra);
                return wait;
            }
            return extra > 0 ? Math.max(wait, bucket.reserve(extra)) : wait;
        }
    }

    /**
     * Grants {@code p} a chunk's turn now (its bytes taken from the bucket; returns 0) or says
     * how long to wait before asking again.
     */
    private synchronized long turn(BackgroundPacer p) {
        long now = ticker.nanos();
        long idleIn = foregroundUntil + quietNanos - now;
        if (idleIn <= 0) {
            // Idle: a chunk goes only if the bucket holds it, so no foreground byte waits behind it.
            double tokens = bucket.available();
            if (tokens >= idleChunk) {
                p.granted = idleChunk;
                p.grantedWaitNanos = bucket.reserve(idleChunk);
                return 0;
            }
            return Math.max(1, (long) Math.ceil((idleChunk - tokens) * 1e9 / bucket.rate().bytesPerSecond()));
        }
        if (keepAlive == null) {
            return idleIn;
        }
        // Tokens may not go negative here: a turn is taken only when a whole chunk is there.
        double tokens = keepAlive.available();
        if (tokens >= Pacer.CHUNK_BYTES) {
            keepAlive.reserve(Pacer.CHUNK_BYTES);
            // The foreground is busy: this small share is taken from it, debt and all.
            p.granted = Pacer.CHUNK_BYTES;
            p.grantedWaitNanos = bucket.reserve(Pacer.CHUNK_BYTES);
            return 0;
        }
        long turnIn = (long) Math.ceil((Pacer.CHUNK_BYTES - tokens) * 1e9 / keepAlive.rate().bytesPerSecond());
        return Math.max(1, Math.min(idleIn, turnIn));
    }
}
