package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerHealthTest {
    private static final long S = 1_000_000_000L;

    @Test
    void failures_backOffExponentially_andSuccessClears() {
        PeerHealth h = PeerHealth.defaults();
        h.failure("p1", FailureKind.TIMEOUT, 0);
        assertThat(h.usable("p1", S - 1)).isFalse();
        assertThat(h.usable("p1", S)).isTrue();
        h.failure("p1", FailureKind.TIMEOUT, S);
        assertThat(h.usable("p1", 3 * S - 1)).isFalse();
        assertThat(h.usable("p1", 3 * S)).isTrue();
        h.success("p1");
        h.failure("p1", FailureKind.STATUS, 3 * S);
        assertThat(h.usable("p1", 4 * S)).isTrue();
    }

    @Test
    void slowness_neverBans_itBacksOffUpToTheCap() {
        PeerHealth h = PeerHealth.defaults();
        long now = 0;
        for (int i = 0; i < 20; i++) {
            h.failure("slow", i % 2 == 0 ? FailureKind.TIMEOUT : FailureKind.SHORT_BODY, now);
            assertThat(h.banned("slow", now)).isFalse();
        }
        assertThat(h.usable("slow", now + 30 * S - 1)).isFalse();
        assertThat(h.usable("slow", now + 30 * S)).isTrue();
        for (int i = 0; i < 6; i++) {
            h.failure("refusing", FailureKind.STATUS, now);
        }
        assertThat(h.banned("refusing", now + 60 * S)).isTrue();
    }

    @Test
    void corruption_bans() {
        PeerHealth h = PeerHealth.defaults();
        h.failure("bad", FailureKind.CORRUPT, 0);
        assertThat(h.banned("bad", 5 * 60 * S)).isTrue();
        h.success("bad");
        assertThat(h.usable("bad", 5 * 60 * S)).isFalse();
        assertThat(h.usable("bad", 10 * 60 * S)).isTrue();
    }

    @Test
    void selectors_skipUnhealthy_andRespectLimit() {
        PeerHealth h = PeerHealth.defaults();
        h.failure("p2", FailureKind.CONNECTION, 0);
        List<Source> holders = List.of(Source.peer("p1", "e1"), Source.peer("p2", "e2"), Source.peer("p3", "e3"), Source.peer("p4", "e4"));
        assertThat(PeerSelector.freshest().select(holders, h, 0, 2)).extracting(Source::id).containsExactly("p1", "p3");
        List<Source> random = PeerSelector.random(new SplittableRandom(1)).select(holders, h, 0, 10);
        assertThat(random).extracting(Source::id).containsExactlyInAnyOrder("p1", "p3", "p4");
        ThroughputTracker t = ThroughputTracker.defaults();
        t.record(Source.peer("p4", "e4"), 1_000_000, Duration.ofSeconds(1).toNanos());
        t.record(Source.peer("p3", "e3"), 100_000, Duration.ofSeconds(1).toNanos());
        assertThat(PeerSelector.fastest(t, new SplittableRandom(1)).select(holders, h, 0, 10))
                .extracting(Source::id).containsExactly("p4", "p3", "p1");
    }

    @Test
    void throughputTracker_weighsLongSamplesMore_andIgnoresTinyOnes() {
        ThroughputTracker t = new ThroughputTracker(Duration.ofSeconds(4), 10);
        Source s = Source.server("http://a/");
        t.record(s, 500, Duration.ofMillis(100).toNanos());
        assertThat(t.bytesPerSecond(s)).isEmpty();
        t.record(s, 1_000_000, S);
        assertThat(t.bytesPerSecond(s).getAsDouble()).isEqualTo(1_000_000);
        t.record(s, 4_000_000, 4 * S); // same rate: unchanged
        assertThat(t.bytesPerSecond(s).getAsDouble()).isEqualTo(1_000_000, org.assertj.core.data.Offset.offset(1e-6));
        t.record(s, 2_000_000, 4 * S); // half the rate over one half-life: halfway
        assertThat(t.bytesPerSecond(s).getAsDouble()).isEqualTo(750_000, org.assertj.core.data.Offset.offset(1.0));
    }
}
