package io.privastream.core.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbrStrategyTest {
    private static final List<Long> LADDER = List.of(400_000L, 800_000L, 1_600_000L);
    private static final Duration SEGMENT = Duration.ofSeconds(2);

    private static AbrInput input(long throughput, Duration buffer, int current) {
        return new AbrInput(LADDER, throughput, buffer, SEGMENT, current, Duration.ZERO);
    }

    @Test
    void throughput_picksTheHighestBitrateBelowNinetyPercentOfTheEstimate() {
        AbrStrategy s = AbrStrategy.throughput();
        assertThat(s.choose(input(1_200_000, Duration.ZERO, 0))).isEqualTo(1);
        assertThat(s.choose(input(1_777_778, Duration.ZERO, 0))).isEqualTo(2); // 0.9 x 1,777,778 >= 1.6M
        assertThat(s.choose(input(1_777_776, Duration.ZERO, 0))).isEqualTo(1);
        assertThat(s.choose(input(100_000, Duration.ZERO, 2))).isZero();
    }

    @Test
    void throughput_withoutAnEstimate_startsAtTheLowest() {
        assertThat(AbrStrategy.throughput().choose(input(0, Duration.ZERO, 0))).isZero();
    }

    @Test
    void throughput_latencyEatsIntoTheSegmentTime() {
        AbrStrategy s = AbrStrategy.throughput();
        // 10 Mbit/s, but 1 s of a 2 s segment waiting for the first byte: 0.9 x 10M x 0.5 = 4.5M
        assertThat(s.choose(new AbrInput(LADDER, 10_000_000, Duration.ZERO, SEGMENT, 0, Duration.ofSeconds(1)))).isEqualTo(2);
        // 1.9 s of latency: 0.9 x 10M x 0.05 = 450k
        assertThat(s.choose(new AbrInput(LADDER, 10_000_000, Duration.ZERO, SEGMENT, 0, Duration.ofMillis(1900)))).isZero();
        assertThat(s.choose(new AbrInput(LADDER, 10_000_000, Duration.ZERO, SEGMENT, 0, Duration.ofSeconds(3)))).isZero();
    }

    @Test
    void insufficientBuffer_capsWhatTheBufferCannotAbsorb() {
        AbrStrategy s = AbrStrategy.throughput();
        // 10 Mbit/s would allow the top, but a 0.5 s buffer lets a download take 0.25 s: <= 1.25 Mbit/s
        assertThat(s.choose(input(10_000_000, Duration.ofMillis(500), 2))).isEqualTo(1);
        // 0.1 s of buffer: 0.05 s => <= 250 kbit/s, nothing fits: the lowest
        assertThat(s.choose(input(10_000_000, Duration.ofMillis(100), 2))).isZero();
        // an empty buffer (startup, stall) sets no limit
        assertThat(s.choose(input(10_000_000, Duration.ZERO, 0))).isEqualTo(2);
        // with a comfortable buffer the throughput rule alone decides
        assertThat(s.choose(input(10_000_000, Duration.ofSeconds(10), 2))).isEqualTo(2);
    }

    @Test
    void bola_lowestOnAnEmptyBuffer_highestAtTheTarget_andMonotoneInBetween() {
        AbrStrategy s = AbrStrategy.bola();
        assertThat(s.choose(input(0, Duration.ZERO, 0))).isZero();
        assertThat(s.choose(input(0, Duration.ofSeconds(9), 0))).isZero();
        assertThat(s.choose(input(0, Duration.ofSeconds(16), 2))).isEqualTo(2);
        int previous = 0;
        for (int ms = 0; ms <= 20_000; ms += 250) {
            int chosen = s.choose(input(0, Duration.ofMillis(ms), previous));
            assertThat(chosen).as("at %d ms", ms).isGreaterThanOrEqualTo(previous);
            previous = chosen;
        }
        assertThat(previous).isEqualTo(2);
    }

    @Test
    void bola_doesNotStepUpPastTheThroughput_butNeverBelowTheCurrentForThat() {
        AbrStrategy s = AbrStrategy.bola();
        // buffer says top; 1 Mbit/s sustains only 800k: step up to 1, not 2
        assertThat(s.choose(input(1_000_000, Duration.ofSeconds(20), 0))).isEqualTo(1);
        // already at the top: stay (the insufficient-buffer rule still allows it with 20 s)
        assertThat(s.choose(input(1_000_000, Duration.ofSeconds(20), 2))).isEqualTo(2);
    }

    @Test
    void dynamic_usesThroughputBelowTheThresholdAndBolaAbove_withHysteresis() {
        DynamicRule rule = new DynamicRule(Duration.ofSeconds(12));
        rule.choose(input(10_000_000, Duration.ofSeconds(11), 0));
        assertThat(rule.usingBola()).isFalse();
        rule.choose(input(10_000_000, Duration.ofSeconds(12), 0));
        assertThat(rule.usingBola()).isTrue();
        rule.choose(input(10_000_000, Duration.ofSeconds(7), 0));
        assertThat(rule.usingBola()).as("between 6 and 12 s it stays with BOLA").isTrue();
        rule.choose(input(10_000_000, Duration.ofMillis(5_900), 0));
        assertThat(rule.usingBola()).isFalse();
        rule.choose(input(10_000_000, Duration.ofSeconds(7), 0));
        assertThat(rule.usingBola()).as("and back up it waits for 12 s").isFalse();
    }

    @Test
    void dynamic_decisionsFollowTheRuleInCharge() {
        AbrStrategy s = AbrStrategy.dynamic();
        // 11 s of buffer, 10 Mbit/s: throughput rule => top
        assertThat(s.choose(input(10_000_000, Duration.ofSeconds(11), 0))).isEqualTo(2);
        // 12.5 s: BOLA, which at 12.5 s of a 16 s target picks the middle
        assertThat(s.choose(input(10_000_000, Duration.ofMillis(12_500), 2))).isEqualTo(1);
    }

    @Test
    void fixed_isClampedAndUnguarded() {
        assertThat(AbrStrategy.fixed(1).choose(input(1, Duration.ofMillis(1), 0))).isEqualTo(1);
        assertThat(AbrStrategy.fixed(7).choose(input(0, Duration.ZERO, 0))).isEqualTo(2);
    }

    @Test
    void byName_knowsEveryStrategy_caseInsensitively_andMakesFreshInstances() {
        for (String name : AbrStrategy.NAMES) {
            assertThat(AbrStrategy.byName(name.toUpperCase()).name()).isEqualTo(name);
        }
        assertThat(AbrStrategy.byName("fixed:2").name()).isEqualTo("fixed:2");
        assertThat(AbrStrategy.byName("dynamic")).isNotSameAs(AbrStrategy.byName("dynamic"));
        assertThatThrownBy(() -> AbrStrategy.byName("mpc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mpc'").hasMessageContaining("throughput, bola, dynamic");
        assertThatThrownBy(() -> AbrStrategy.byName("fixed:x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void input_isValidated() {
        assertThatThrownBy(() -> new AbrInput(List.of(2L, 1L), 0, Duration.ZERO, SEGMENT, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1]");
        assertThatThrownBy(() -> new AbrInput(LADDER, 0, Duration.ZERO, SEGMENT, 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3");
        assertThatThrownBy(() -> new AbrInput(LADDER, 0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
