package io.privastream.core.download;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.Text;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * When the player will need an object it asked for: the deadline a download plans against.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeadlinePolicy {

    /** The policy as {@link #parse(String)} reads it. */
    String name();

    /**
     * The ticker reading by which the player needs the object.
     *
     * @param content              the content being played
     * @param segmentIndex         the media segment's number when the object is a media segment;
     *                             empty for initialization segments and unknown objects
     * @param segmentDurationNanos the content's nominal segment duration
     * @param nowNanos             the ticker reading when the player asked
     */
    long deadline(ContentId content, OptionalLong segmentIndex, long segmentDurationNanos, long nowNanos);

    /**
     * The deadline, and whether the player is waiting for this object now (nothing buffered: a
     * session's start, or a stall). Policies that cannot tell say it is not.
     */
    default Due due(ContentId content, OptionalLong segmentIndex, long segmentDurationNanos, long nowNanos) {
        return new Due(deadline(content, segmentIndex, segmentDurationNanos, nowNanos), false);
    }

    /**
     * @param deadlineNanos  see {@link #deadline}
     * @param playerWaiting  the player has nothing buffered and waits for this object
     */
    record Due(long deadlineNanos, boolean playerWaiting) {
    }

    /** Always {@code lead} after the request. */
    static DeadlinePolicy fixed(Duration lead) {
        if (lead.isNegative() || lead.isZero()) {
            throw new IllegalArgumentException("deadline lead must be > 0, got " + lead);
        }
        long leadNanos = lead.toNanos();
        return new DeadlinePolicy() {
            @Override
            public String name() {
                return "fixed:" + lead.toMillis() + "ms";
            }

            @Override
            public long deadline(ContentId content, OptionalLong segmentIndex, long segmentDurationNanos, long nowNanos) {
                return nowNanos + leadNanos;
            }
        };
    }

    /** Estimates the player's buffer from its requests; see {@link InferredDeadline}. */
    static DeadlinePolicy inferred() {
        return new InferredDeadline(InferredDeadline.Settings.defaults());
    }

    /**
     * Like {@link #inferred()}, granting at most {@code maxLead} segment durations (default 2):
     * a shorter lead makes downloads finish sooner, so a player measuring its own downloads
     * sees more of the sources' capacity, at the cost of more server bytes.
     *
     * @throws IllegalArgumentException unless 0.1 <= maxLead <= 2
     */
    static DeadlinePolicy inferred(double maxLead) {
        if (!(maxLead >= 0.1 && maxLead <= 2)) {
            throw new IllegalArgumentException("inferred deadline's longest lead must be 0.1-2 segment durations, got " + maxLead);
        }
        InferredDeadline.Settings d = InferredDeadline.Settings.defaults();
        return new InferredDeadline(new InferredDeadline.Settings(Math.min(d.minLead(), maxLead), maxLead, d.reserve(), d.maxJump()));
    }

    /**
     * Reads {@code inferred}, {@code inferred:MAXLEAD} (segment durations, e.g.
     * {@code inferred:0.5}) or {@code fixed:DURATION} (DURATION like {@code 1500ms}, {@code 2s},
     * or ISO-8601 {@code PT2S}).
     *
     * @throws IllegalArgumentException quoting {@code spec} when it is none of them
     */
    static DeadlinePolicy parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("deadline policy is required: inferred or fixed:DURATION");
        }
        if (spec.equals("inferred")) {
            return inferred();
        }
        if (spec.startsWith("inferred:")) {
            try {
                return inferred(Double.parseDouble(spec.substring("inferred:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("deadline policy '" + Text.quote(spec) + "': the longest lead must be a number of segment durations");
            }
        }
        if (spec.startsWith("fixed:")) {
            return fixed(io.privastream.core.time.Durations.parse(spec.substring("fixed:".length())));
        }
        throw new IllegalArgumentException("unknown deadline policy '" + Text.quote(spec) + "'; use inferred, inferred:MAXLEAD (e.g. inferred:0.5) or fixed:DURATION (e.g. fixed:2s)");
    }
}
