package io.privastream.core.abr;

import java.time.Duration;
import java.util.List;

/**
 * What an {@link AbrStrategy} decides from, for the next video segment.
 *
 * @param bitratesBitsPerSecond   the representations' bandwidths, ascending; never empty; the
 *                                strategy answers an index into this list
 * @param throughputBitsPerSecond the throughput estimate; 0 when there is none yet
 * @param buffer                  media buffered ahead of the playhead; zero before playback
 *                                starts and while stalled
 * @param segmentDuration         duration of the next segment, positive
 * @param currentIndex            index of the representation of the previous segment (0
 *                                before the first)
 * @param latency                 typical time from request to first byte; zero when unknown
 */
public record AbrInput(List<Long> bitratesBitsPerSecond, long throughputBitsPerSecond, Duration buffer,
                       Duration segmentDuration, int currentIndex, Duration latency) {

    /** @throws IllegalArgumentException quoting the bad value */
    public AbrInput {
        if (bitratesBitsPerSecond == null || bitratesBitsPerSecond.isEmpty()) {
            throw new IllegalArgumentException("ABR needs at least one bitrate, got " + bitratesBitsPerSecond);
        }
        bitratesBitsPerSecond = List.copyOf(bitratesBitsPerSecond);
        for (int i = 0; i < bitratesBitsPerSecond.size(); i++) {
            if (bitratesBitsPerSecond.get(i) < 0 || (i > 0 && bitratesBitsPerSecond.get(i) < bitratesBitsPerSecond.get(i - 1))) {
                throw new IllegalArgumentException("bitrates must be >= 0 and ascending, got " + bitratesBitsPerSecond);
            }
        }
        if (throughputBitsPerSecond < 0) {
            throw new IllegalArgumentException("throughput must be >= 0 bit/s (0 = unknown), got " + throughputBitsPerSecond);
        }
        if (buffer == null || buffer.isNegative()) {
            throw new IllegalArgumentException("buffer must be >= 0, got " + buffer);
        }
        if (segmentDuration == null || !segmentDuration.isPositive()) {
            throw new IllegalArgumentException("segment duration must be positive, got " + segmentDuration);
        }
        if (currentIndex < 0 || currentIndex >= bitratesBitsPerSecond.size()) {
            throw new IllegalArgumentException("current index must be in [0, " + bitratesBitsPerSecond.size() + "), got " + currentIndex);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latency);
        }
    }

    /** Number of representations. */
    public int size() {
        return bitratesBitsPerSecond.size();
    }

    /** Bitrate of representation {@code index}. */
    public long bitrate(int index) {
        return bitratesBitsPerSecond.get(index);
    }

    /** True when a throughput estimate exists. */
    public boolean hasThroughput() {
        return throughputBitsPerSecond > 0;
    }

    /** The highest index whose bitrate is at most {@code bitsPerSecond}; 0 when none is. */
    public int highestAtMost(double bitsPerSecond) {
        int best = 0;
        for (int i = 0; i < size(); i++) {
            if (bitrate(i) <= bitsPerSecond) {
                best = i;
            }
        }
        return best;
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
