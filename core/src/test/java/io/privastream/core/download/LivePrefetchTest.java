package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LivePrefetchTest {
    private static final long D = 2_000_000_000L;

    /** Segment n (from 1) really appears at n·d. */
    private static OptionalLong at(long n) {
        return n <= 50 ? OptionalLong.of(n * D) : OptionalLong.empty();
    }

    @Test
    void oneSegmentLead_nextSegmentFetchedWhenItAppears_dueBeforeThePlayerIsShownIt() {
        LivePrefetch lead = new LivePrefetch(1);
        // The player, one segment behind, asks for 9 at 10 d (when 10 really appeared).
        var plan = lead.after(9, D, LivePrefetchTest::at, 10 * D);
        assertThat(plan).containsExactly(new LivePrefetch.Planned(10, 10 * D, 10 * D + (long) (0.9 * D)));
        assertThat(lead.holdbackNanos(D)).isEqualTo(D);
    }

    @Test
    void twoSegmentLead_alreadyAvailableStartsNow_endOfStreamStops() {
        LivePrefetch lead = new LivePrefetch(2);
        var plan = lead.after(8, D, LivePrefetchTest::at, 10 * D + 5);
        assertThat(plan).extracting(LivePrefetch.Planned::number).containsExactly(9L, 10L);
        assertThat(plan.getFirst().startNanos()).isEqualTo(10 * D + 5);
        assertThat(plan.getLast().startNanos()).isEqualTo(10 * D + 5);
        assertThat(lead.after(49, D, LivePrefetchTest::at, 0)).extracting(LivePrefetch.Planned::number).containsExactly(50L);
    }

    @Test
    void objectsFetchedAhead_areReplayedAtTheRateTheSwarmDeliveredThem() {
        assertThat(new LivePrefetch(1).replayBytesPerSecond(1_250_000.7)).hasValue(1_250_000);
        assertThat(new LivePrefetch(1).replayBytesPerSecond(0)).isEmpty();
        assertThat(new LivePrefetch(1).replayBytesPerSecond(Double.NaN)).isEmpty();
        assertThat(new LivePrefetch(0).replayBytesPerSecond(1_250_000)).isEmpty();
    }

    @Test
    void phase_holdsTheEdgeBackFurther_withoutPrefetching() {
        LivePrefetch phased = new LivePrefetch(0, 0.25);
        assertThat(phased.holdbackNanos(D)).isEqualTo(D / 4);
        assertThat(phased.after(9, D, LivePrefetchTest::at, 0)).isEmpty();
        assertThat(new LivePrefetch(1, 0.5).holdbackNanos(D)).isEqualTo(D + D / 2);
        assertThatThrownBy(() -> new LivePrefetch(0, 1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new LivePrefetch(0, -0.1)).hasMessageContaining("[0, 1)");
    }

    @Test
    void drawnPhases_spreadOverTheRange_sameSeedSamePhase() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double min = 1;
        double max = 0;
        for (int i = 0; i < 1000; i++) {
            double p = LivePrefetch.drawPhase(0.5, r);
            assertThat(p).isGreaterThanOrEqualTo(0).isLessThan(0.5);
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        // Spread over the whole range, not bunched: that is what desynchronises the agents.
        assertThat(min).isLessThan(0.01);
        assertThat(max).isGreaterThan(0.49);
        assertThat(LivePrefetch.drawPhase(0.5, new java.util.SplittableRandom(3)))
                .isEqualTo(LivePrefetch.drawPhase(0.5, new java.util.SplittableRandom(3)));
        assertThat(LivePrefetch.drawPhase(0, r)).isZero();
        assertThatThrownBy(() -> LivePrefetch.drawPhase(1.5, r)).hasMessageContaining("[0, 1)");
    }

    @Test
    void zeroLead_plansNothing_negativeRefused() {
        assertThat(new LivePrefetch(0).after(9, D, LivePrefetchTest::at, 0)).isEmpty();
        assertThat(new LivePrefetch(0).holdbackNanos(D)).isZero();
        assertThatThrownBy(() -> new LivePrefetch(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
