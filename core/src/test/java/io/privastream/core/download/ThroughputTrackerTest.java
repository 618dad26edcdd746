package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputTrackerTest {
    private static final long SECOND = 1_000_000_000L;
    private final Source a = Source.peer("a", "a");
    private final Source b = Source.peer("b", "b");
    private final Source c = Source.peer("c", "c");

    @Test
    void aSampleOneHalfLifeLong_movesTheMeanHalfway() {
        ThroughputTracker t = new ThroughputTracker(Duration.ofSeconds(4), 10);
        t.record(a, 4_000_000, 4 * SECOND); // 1 MB/s, the first sample is the mean
        t.record(a, 12_000_000, 4 * SECOND); // 3 MB/s over one half-life

        assertThat(t.bytesPerSecond(a).getAsDouble()).isCloseTo(2_000_000, within(1.0));
    }

    @Test
    void tinySamples_areIgnored() {
        ThroughputTracker t = ThroughputTracker.defaults();
        t.record(a, 500, SECOND);
        t.record(a, 1_000_000, 100_000);

        assertThat(t.bytesPerSecond(a)).isEmpty();
    }

    @Test
    void full_forgetsTheSourceLeastRecentlySampled_readsDoNotCount() {
        ThroughputTracker t = new ThroughputTracker(Duration.ofSeconds(4), 2);
        t.record(a, 1_000_000, SECOND);
        t.record(b, 1_000_000, SECOND);
        for (int i = 0; i < 5; i++) {
            t.bytesPerSecond(a); // read often, sampled long ago
        }
        t.record(c, 1_000_000, SECOND);

        assertThat(t.bytesPerSecond(a)).isEmpty();
        assertThat(t.bytesPerSecond(b)).isPresent();
        assertThat(t.bytesPerSecond(c)).isPresent();
    }

    @Test
    void aNewSample_keepsItsSourceRemembered() {
        ThroughputTracker t = new ThroughputTracker(Duration.ofSeconds(4), 2);
        t.record(a, 1_000_000, SECOND);
        t.record(b, 1_000_000, SECOND);
        t.record(a, 1_000_000, SECOND);
        t.record(c, 1_000_000, SECOND);

        assertThat(t.bytesPerSecond(a)).isPresent();
        assertThat(t.bytesPerSecond(b)).isEmpty();
    }
}
