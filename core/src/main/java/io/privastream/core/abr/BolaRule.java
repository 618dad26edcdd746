package io.privastream.core.abr;

import java.time.Duration;

/**
 * BOLA-basic (Spiteri, Urgaonkar, Sitaraman, "BOLA: Near-Optimal Bitrate Adaptation for
 * Online Videos", INFOCOM 2016), parameterized as dash.js does: utilities
 * {@code v_m = ln(S_m / S_0) + 1}, and control parameters chosen so that the lowest bitrate is
 * picked below a 10 s minimum buffer and the highest at the buffer target. For buffer level
 * {@code Q} (seconds) it picks the {@code m} maximizing {@code (V·(v_m + γp) - Q) / S_m}.
 *
 * <p>Like dash.js it does not step up past what the throughput estimate sustains (a guard
 * against the oscillation plain BOLA shows when bitrates are far apart), but it never steps
 * below the current representation for that reason. Stateless.
 */
final class BolaRule implements AbrRule {
    /** dash.js's {@code stableBufferTime}. */
    static final Duration DEFAULT_BUFFER_TARGET = Duration.ofSeconds(12);
    /** dash.js: BOLA should never add artificial delays if the buffer is below this. */
    private static final double MINIMUM_BUFFER_S = 10;
    /** dash.js: extra buffer target per bitrate level. */
    private static final double MINIMUM_BUFFER_PER_LEVEL_S = 2;

    private final Duration bufferTarget;

    BolaRule(Duration bufferTarget) {
        if (bufferTarget == null || !bufferTarget.isPositive()) {
            throw new IllegalArgumentException("BOLA buffer target must be positive, got " + bufferTarget);
        }
        this.bufferTarget = bufferTarget;
    }

    @Override
    public int choose(AbrInput in) {
        int n = in.size();
        if (n == 1) {
            return 0;
        }
        double[] utility = new double[n];
        double lowest = Math.max(1, in.bitrate(0));
        for (int i = 0; i < n; i++) {
            utility[i] = Math.log(Math.max(1, in.bitrate(i)) / lowest) + 1;
        }
        if (utility[n - 1] <= 1) {
            return n - 1; // all bitrates equal: any is as good
        }
        double target = Math.max(AbrInput.seconds(bufferTarget), MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_LEVEL_S * n);
        double gp = (utility[n - 1] - 1) / (target / MINIMUM_BUFFER_S - 1);
        double v = MINIMUM_BUFFER_S / gp;
        double level = AbrInput.seconds(in.buffer());
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double score = (v * (utility[i] + gp) - level) / Math.max(1, in.bitrate(i));
            if (score >= bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best > in.currentIndex() && in.hasThroughput()) {
            int sustainable = in.highestAtMost(ThroughputRule.SAFETY * in.throughputBitsPerSecond());
            if (best > sustainable) {
                best = Math.max(sustainable, in.currentIndex());
            }
        }
        return best;
    }
}
