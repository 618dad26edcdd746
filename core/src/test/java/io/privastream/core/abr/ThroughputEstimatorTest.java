package io.privastream.core.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputEstimatorTest {

    @Test
    void noSamples_noEstimate() {
        assertThat(ThroughputEstimator.dashJsDefaults().bitsPerSecond()).isEmpty();
    }

    @Test
    void firstSample_isTakenAtFaceValue() {
        ThroughputEstimator e = ThroughputEstimator.dashJsDefaults();
        assertThat(e.addSample(1_000_000, Duration.ofSeconds(1))).isTrue();
        assertThat(e.bitsPerSecond()).hasValue(8_000_000);
    }

    @Test
    void tinyOrInstantSamples_areIgnored() {
        ThroughputEstimator e = ThroughputEstimator.dashJsDefaults();
        assertThat(e.addSample(9_999, Duration.ofSeconds(1))).isFalse();
        assertThat(e.addSample(1_000_000, Duration.ofMillis(9))).isFalse();
        assertThat(e.samples()).isZero();
        assertThat(e.bitsPerSecond()).isEmpty();
    }

    @Test
    void twoSamples_matchDashJsFormula_andTheMinimumOfFastAndSlowWins() {
        ThroughputEstimator e = ThroughputEstimator.dashJsDefaults();
        e.addSample(1_000_000, Duration.ofSeconds(1)); // 8 Mbit/s
        e.addSample(250_000, Duration.ofSeconds(1));   // 2 Mbit/s

        double fast = fast(8e6, 2e6, 3);
        double slow = fast(8e6, 2e6, 8);
        assertThat(fast).isLessThan(slow); // a drop shows in the fast average first
        assertThat((double) e.bitsPerSecond().orElseThrow()).isCloseTo(Math.min(fast, slow), within(1.0));
    }

    /** dash.js: two 1 s samples a then b, EWMA with half-life h, divided by the zero-start correction. */
    private static double fast(double a, double b, double h) {
        double alpha = Math.pow(0.5, 1 / h);
        double avg = (1 - alpha) * a;
        avg = alpha * avg + (1 - alpha) * b;
        return avg / (1 - Math.pow(0.5, 2 / h));
    }

    @Test
    void afterARise_theSlowAverageHoldsTheEstimateBack() {
        ThroughputEstimator e = ThroughputEstimator.dashJsDefaults();
        for (int i = 0; i < 10; i++) {
            e.addSample(250_000, Duration.ofSeconds(1)); // 2 Mbit/s
        }
        e.addSample(2_500_000, Duration.ofSeconds(1)); // one 20 Mbit/s sample
        assertThat(e.bitsPerSecond().orElseThrow()).isBetween(2_000_000L, 6_000_000L);
    }

    @Test
    void negativeInputs_areRejected() {
        ThroughputEstimator e = ThroughputEstimator.dashJsDefaults();
        assertThatThrownBy(() -> e.addSample(-1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThroughputEstimator.Settings(Duration.ZERO, Duration.ofSeconds(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }
}
