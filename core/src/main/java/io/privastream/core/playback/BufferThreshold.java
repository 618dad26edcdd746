package io.privastream.core.playback;

import java.time.Duration;

/**
 * How much must be buffered to start or resume playback: a number of whole segments of every
 * track, or a duration of media of every track.
 *
 * <p>Counting segments avoids a trap of duration thresholds: ffmpeg's AAC segments are
 * 1.984 s or 2.005 s long next to 2 s video segments, so "2 s of audio" can need two audio
 * segments where "one segment" needs one.
 *
 * @param segments whole segments ahead of the playhead in every track; 0 when {@code duration} is used
 * @param duration media ahead of the playhead in every track; zero when {@code segments} is used
 */
public record BufferThreshold(int segments, Duration duration) {

    /** One segment of every track: the default start and resume threshold. */
    public static final BufferThreshold ONE_SEGMENT = new BufferThreshold(1, Duration.ZERO);

    /** @throws IllegalArgumentException unless exactly one of the two is positive */
    public BufferThreshold {
        if (duration == null || segments < 0 || duration.isNegative() || (segments > 0) == duration.isPositive()) {
            throw new IllegalArgumentException("a buffer threshold is either segments > 0 or a positive duration, got "
                    + segments + " segments and " + duration);
        }
    }

    /** {@code n} whole segments of every track. */
    public static BufferThreshold segments(int n) {
        return new BufferThreshold(n, Duration.ZERO);
    }

    /** {@code d} of media of every track. */
    public static BufferThreshold of(Duration d) {
        return new BufferThreshold(0, d);
    }

    @Override
    public String toString() {
        return segments > 0 ? segments + (segments == 1 ? " segment" : " segments") : duration.toString();
    }
}
