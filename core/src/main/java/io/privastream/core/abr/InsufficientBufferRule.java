package io.privastream.core.abr;

/**
 * Never pick a representation whose expected download time exceeds what the buffer can
 * absorb: download time ({@code bitrate × segment duration / throughput + latency}) must stay
 * within {@link #SAFETY} × the buffer (dash.js's InsufficientBufferRule uses the same 0.5).
 *
 * <p>No limit when the buffer is empty (before playback starts or while stalled: nothing is
 * playing, so nothing can stall; the throughput rule bounds the wait) or when there is no
 * throughput estimate yet.
 */
final class InsufficientBufferRule {
    /** Share of the buffer a download may use up. */
    static final double SAFETY = 0.5;

    private InsufficientBufferRule() {
    }

    static int highestAllowed(AbrInput in) {
        if (in.buffer().isZero() || !in.hasThroughput()) {
            return in.size() - 1;
        }
        double budget = SAFETY * AbrInput.seconds(in.buffer()) - AbrInput.seconds(in.latency());
        double segment = AbrInput.seconds(in.segmentDuration());
        int best = 0;
        for (int i = 0; i < in.size(); i++) {
            double downloadSeconds = in.bitrate(i) * segment / in.throughputBitsPerSecond();
            if (downloadSeconds <= budget) {
                best = i;
            }
        }
        return best;
    }
}
