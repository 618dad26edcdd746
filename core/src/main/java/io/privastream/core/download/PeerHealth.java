package io.privastream.core.download;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which peers to avoid for a while: exponential backoff after failures, a ban after corruption
 * or repeated failures.
 *
 * <p>After the n-th consecutive failure a peer is skipped for {@code baseBackoff × 2^(n-1)}
 * (capped at {@code maxBackoff}); a success clears the count. {@link FailureKind#CORRUPT}, or
 * a {@link FailureKind#CONNECTION} or {@link FailureKind#STATUS} failure that makes
 * {@code banAfter} consecutive failures, bans the peer for {@code banDuration}; timeouts and short
 * bodies never ban (a live relay stalls when its own source does), they only back off.
 * At most {@code capacity} peers are remembered. Thread-safe; times are ticker nanos.
 */
public final class PeerHealth {
    private final long baseBackoffNanos;
    private final long maxBackoffNanos;
    private final int banAfter;
    private final long banNanos;
    private final Map<String, State> peers;

    private static final class State {
        int failures;
        long avoidUntil;
        boolean banned;
    }

    /**
     * @throws IllegalArgumentException if a duration is negative or {@code banAfter < 1}
     */
    public PeerHealth(Duration baseBackoff, Duration maxBackoff, int banAfter, Duration banDuration, int capacity) {
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0 || banDuration.isNegative() || banAfter < 1 || capacity < 1) {
            throw new IllegalArgumentException("invalid peer health settings: base " + baseBackoff + ", max " + maxBackoff
                    + ", ban after " + banAfter + ", ban " + banDuration + ", capacity " + capacity);
        }
        this.baseBackoffNanos = baseBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.banAfter = banAfter;
        this.banNanos = banDuration.toNanos();
        this.peers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Backoff 1 s doubling to 30 s, ban for 10 min after corruption or 6 failures in a row. */
    public static PeerHealth defaults() {
        return new PeerHealth(Duration.ofSeconds(1), Duration.ofSeconds(30), 6, Duration.ofMinutes(10), 8192);
    }

    /** Records a failure of {@code peerId} at {@code nowNanos}. */
    public synchronized void failure(String peerId, FailureKind kind, long nowNanos) {
        if (kind == FailureKind.BUSY) {
            return; // a full upload queue says nothing about the peer
        }
        State s = peers.computeIfAbsent(peerId, k -> new State());
        if (s.banned && nowNanos < s.avoidUntil) {
            // A ban stands: a later slow or cut transfer of the same peer must not shorten it.
            return;
        }
        s.failures++;
        // Slowness is not malice: in a live swarm a relay stalls when its own source does, so
        // timeouts and short bodies only back off; errors repeated banAfter times, and corruption, ban.
        boolean benign = kind == FailureKind.TIMEOUT || kind == FailureKind.SHORT_BODY;
        if (kind == FailureKind.CORRUPT || (!benign && s.failures >= banAfter)) {
            s.banned = true;
            s.avoidUntil = nowNanos + banNanos;
            return;
        }
        long backoff = baseBackoffNanos << Math.min(30, s.failures - 1);
        s.avoidUntil = nowNanos + Math.min(maxBackoffNanos, backoff < 0 ? maxBackoffNanos : backoff);
    }

    /** Records that {@code peerId} delivered what was asked; clears its failure count. */
    public synchronized void success(String peerId) {
        State s = peers.get(peerId);
        if (s != null && !s.banned) {
            s.failures = 0;
            s.avoidUntil = 0;
        }
    }

    /** True if {@code peerId} may be asked at {@code nowNanos}. */
    public synchronized boolean usable(String peerId, long nowNanos) {
        State s = peers.get(peerId);
        return s == null || nowNanos >= s.avoidUntil;
    }

    /** True if {@code peerId} is currently banned. */
    public synchronized boolean banned(String peerId, long nowNanos) {
        State s = peers.get(peerId);
        return s != null && s.banned && nowNanos < s.avoidUntil;
    }
}
