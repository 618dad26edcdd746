package io.privastream.core.abr;

/**
 * dash.js's ThroughputRule: the highest bitrate at most {@link #SAFETY} × the estimate, where
 * the estimate is first scaled by {@code 1 - latency / segment duration} (the share of the
 * segment's time spent waiting for the first byte). Stateless.
 */
final class ThroughputRule implements AbrRule {
    /** dash.js's bandwidth safety factor. */
    static final double SAFETY = 0.9;

    @Override
    public int choose(AbrInput in) {
        if (!in.hasThroughput()) {
            return 0;
        }
        double latency = AbrInput.seconds(in.latency());
        double segment = AbrInput.seconds(in.segmentDuration());
        if (latency >= segment) {
            return 0;
        }
        return in.highestAtMost(SAFETY * in.throughputBitsPerSecond() * (1 - latency / segment));
    }
}
