package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.download.DecoyGate.Admission;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecoyGateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void runsUpToTheLimit_thenQueues_thenDrops() {
        DecoyGate gate = new DecoyGate<String>(2, 1, Duration.ofSeconds(4));

        assertThat(gate.offer(0, "d")).isEqualTo(Admission.RUN);
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.RUN);
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.WAIT);
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.DROP);
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.dropped()).isEqualTo(1);
    }

    @Test
    void aFinishedDecoyHandsItsTurnToTheOldestWaiting() {
        DecoyGate gate = new DecoyGate<String>(1, 2, Duration.ofSeconds(4));
        gate.offer(0, "a");
        gate.offer(1 * SECOND, "b");
        gate.offer(2 * SECOND, "c");

        assertThat(gate.finished(3 * SECOND)).contains("b");
        assertThat(gate.running()).isEqualTo(1);
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.finished(3 * SECOND)).contains("c");
        assertThat(gate.finished(3 * SECOND)).isEmpty();
        assertThat(gate.running()).isZero();
        assertThat(gate.dropped()).isZero();
        assertThat(gate.offer(4 * SECOND, "d")).isEqualTo(Admission.RUN);
    }

    @Test
    void decoysThatWaitedTooLongAreDropped_notStarted() {
        DecoyGate gate = new DecoyGate<String>(1, 3, Duration.ofSeconds(4));
        gate.offer(0, "a");
        gate.offer(0, "b"); // waits from 0
        gate.offer(3 * SECOND, "c"); // waits from 3 s

        // At 5 s the first waiter has waited 5 s (dropped), the second 2 s: it starts.
        assertThat(gate.finished(5 * SECOND)).contains("c");
        assertThat(gate.dropped()).isEqualTo(1);
        assertThat(gate.waiting()).isZero();
        // At 20 s nothing waits: the slot is freed.
        assertThat(gate.finished(20 * SECOND)).isEmpty();
        assertThat(gate.running()).isZero();
    }

    @Test
    void staleWaitersMakeRoomForNewOffers() {
        DecoyGate gate = new DecoyGate<String>(1, 1, Duration.ofSeconds(4));
        gate.offer(0, "d");
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.WAIT);
        assertThat(gate.offer(1 * SECOND, "d")).isEqualTo(Admission.DROP);
        // The waiter from 0 is stale at 5 s: the new one takes its place.
        assertThat(gate.offer(5 * SECOND, "d")).isEqualTo(Admission.WAIT);
        assertThat(gate.dropped()).isEqualTo(2);
    }

    @Test
    void noWaitingRoom_dropsWhatCannotRun() {
        DecoyGate gate = new DecoyGate<String>(1, 0, Duration.ZERO);
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.RUN);
        assertThat(gate.offer(0, "d")).isEqualTo(Admission.DROP);
        assertThat(gate.finished(0)).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new DecoyGate<String>(0, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecoyGate<String>(1, -1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecoyGate<String>(1, 1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecoyGate<String>(1, 1, Duration.ZERO).finished(0)).isInstanceOf(IllegalStateException.class);
    }
}
