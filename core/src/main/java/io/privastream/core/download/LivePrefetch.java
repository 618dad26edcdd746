package io.privastream.core.download;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Live lead: the agent shows its player the live edge {@code leadSegments} segments late and
 * fetches those segments itself as soon as they really appear, so that when the player asks, the
 * object is (usually) already here and arrives at loopback speed.
 *
 * <p>Why: a player measures throughput as bytes over the time its request took. Multi-source
 * spreads a download over the time to its deadline, using slow peers, so a player asking at the
 * real live edge measures about the bitrate it is already on and never switches up, however much
 * capacity the swarm has. With a lead, the swarm has a segment duration to deliver before the
 * player's clock starts. The price is {@code leadSegments} segment durations of extra latency.
 *
 * <p>Pure: times are ticker nanoseconds, the caller supplies availability times.
 */
public final class LivePrefetch {
    /** Part of the lead by which a prefetch should be complete: the player asks at the end of it. */
    static final double FINISH_SHARE = 0.9;

    /** One segment to fetch ahead of the player: start at {@code startNanos}, finish by {@code deadlineNanos}. */
    public record Planned(long number, long startNanos, long deadlineNanos) {
    }

    private final int leadSegments;

    /**
     * @param leadSegments how many segments the player is held back, >= 0 (0 turns it off)
     * @throws IllegalArgumentException when negative
     */
    public LivePrefetch(int leadSegments) {
        if (leadSegments < 0) {
            throw new IllegalArgumentException("live lead must be >= 0 segments, got " + leadSegments);
        }
        this.leadSegments = leadSegments;
    }

    public int leadSegments() {
        return leadSegments;
    }

    /**
     * How fast to hand an object fetched ahead to the player: at the pace its download delivered
     * it (size over download time), so that the player's throughput estimate, and with it its
     * choice of quality, follows what the sources sustained. Not loopback speed, which sends the
     * player to the top rendition, fetched on demand, and back down (oscillation). Empty (no
     * pacing) with no lead or no measurement.
     *
     * @param deliveredBytesPerSecond the pace the object's download delivered it at, bytes/s
     */
    public OptionalLong replayBytesPerSecond(double deliveredBytesPerSecond) {
        if (leadSegments == 0 || !(deliveredBytesPerSecond >= 1)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) deliveredBytesPerSecond);
    }

    /** How much later than real availability the player is shown the edge, nanoseconds. */
    public long holdbackNanos(long segmentNanos) {
        return leadSegments * segmentNanos;
    }

    /**
     * What to fetch after the player asked for segment {@code served}: the next
     * {@code leadSegments} of the same track, each when it really becomes available, each due
     * shortly before the player is shown it.
     *
     * @param served       number of the segment the player just asked for
     * @param segmentNanos nominal segment duration
     * @param availableAt  real availability time of a segment number, empty if the track has none
     * @param nowNanos     the ticker now
     */
    public List<Planned> after(long served, long segmentNanos, LongFunction<OptionalLong> availableAt, long nowNanos) {
        List<Planned> out = new ArrayList<>();
        long due = (long) (holdbackNanos(segmentNanos) * FINISH_SHARE);
        for (int k = 1; k <= leadSegments; k++) {
            long number = served + k;
            OptionalLong at = availableAt.apply(number);
            if (at.isEmpty()) {
                break;
            }
            long start = Math.max(nowNanos, at.getAsLong());
            out.add(new Planned(number, start, Math.max(start, at.getAsLong()) + due));
        }
        return out;
    }
}
