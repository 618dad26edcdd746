package io.privastream.core.download;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

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
 * <p><b>Phase.</b> Independently of the lead, the edge can also be shown a fraction of a segment
 * late: a <em>phase</em> drawn once per agent ({@link #drawPhase}), uniform in
 * {@code [0, maxPhase)} segment durations. Why: every live player asks for a segment the moment
 * it appears, so ten agents at the same edge download it at the same instant and share the
 * server and the peers' uplinks; each measures a tenth of the swarm and its ABR stays low.
 * Spread over the segment duration, the early ones take the segment while the links are free
 * and the later ones find it complete at peers (measured in docs/agent.md, "Live phase": more
 * bitrate for a little less offload, in the simulator and emulated). The price is the phase in
 * extra live latency, half of {@code maxPhase} on average.
 *
 * <p>Pure: times are ticker nanoseconds, the caller supplies availability times and the random
 * generator.
 */
public final class LivePrefetch {
    /** Part of the lead by which a prefetch should be complete: the player asks at the end of it. */
    static final double FINISH_SHARE = 0.9;

    /** One segment to fetch ahead of the player: start at {@code startNanos}, finish by {@code deadlineNanos}. */
    public record Planned(long number, long startNanos, long deadlineNanos) {
    }

    private final int leadSegments;
    private final double phase;

    /**
     * No phase: {@code LivePrefetch(leadSegments, 0)}.
     *
     * @throws IllegalArgumentException when {@code leadSegments} is negative
     */
    public LivePrefetch(int leadSegments) {
        this(leadSegments, 0);
    }

    /**
     * @param leadSegments how many segments the player is held back and fetched ahead, >= 0
     *                     (0 turns prefetching off)
     * @param phase        a further hold-back in segment durations, in [0, 1) (see
     *                     {@link #drawPhase}); 0 for none
     * @throws IllegalArgumentException when either is out of range
     */
    public LivePrefetch(int leadSegments, double phase) {
        if (leadSegments < 0) {
            throw new IllegalArgumentException("live lead must be >= 0 segments, got " + leadSegments);
        }
        checkPhase(phase);
        this.leadSegments = leadSegments;
        this.phase = phase;
    }

    /**
     * One agent's phase: uniform in {@code [0, maxPhase)} segment durations, 0 when
     * {@code maxPhase} is 0.
     *
     * @param maxPhase the largest phase, in [0, 1) segment durations
     * @throws IllegalArgumentException when {@code maxPhase} is out of range
     */
    public static double drawPhase(double maxPhase, RandomGenerator random) {
        checkPhase(maxPhase);
        return maxPhase == 0 ? 0 : random.nextDouble() * maxPhase;
    }

    /**
     * Checks a phase or a largest phase: both are shares of a segment duration in [0, 1).
     *
     * @throws IllegalArgumentException quoting {@code phase} when it is out of range
     */
    public static void checkPhase(double phase) {
        if (!(phase >= 0 && phase < 1)) {
            throw new IllegalArgumentException("live phase must be in [0, 1) segment durations, got " + phase);
        }
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

    /** This agent's phase, in segment durations. */
    public double phase() {
        return phase;
    }

    /** How much later than real availability the player is shown the edge: lead plus phase, nanoseconds. */
    public long holdbackNanos(long segmentNanos) {
        return leadSegments * segmentNanos + (long) (phase * segmentNanos);
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
