package io.privastream.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransferLimitTest {

    @Test
    void beyondTheLimit_onlyAnObjectsFirstAnswerGoesOut() {
        TransferLimit l = new TransferLimit(2);
        assertThat(l.tryAcquire("a")).isTrue();
        assertThat(l.tryAcquire("b")).isTrue();
        assertThat(l.tryAcquire("a")).isFalse();
        assertThat(l.tryAcquire("c")).isTrue();
        assertThat(l.running()).isEqualTo(3);
        assertThat(l.tryAcquire("c")).isFalse();

        l.release();
        assertThat(l.tryAcquire("b")).isFalse();
        l.release();
        assertThat(l.tryAcquire("b")).isTrue();
        assertThat(l.running()).isEqualTo(2);
    }

    @Test
    void admit_countsAgainstTheCallersCount() {
        TransferLimit l = new TransferLimit(3);
        assertThat(l.admit(0, "a")).isTrue();
        assertThat(l.admit(3, "a")).isFalse();
        assertThat(l.admit(3, "b")).isTrue();
        assertThat(l.admit(2, "b")).isTrue();
        assertThat(l.running()).isZero();
    }

    @Test
    void noLimit_admitsEverything() {
        TransferLimit l = new TransferLimit(0);
        for (int i = 0; i < 100; i++) {
            assertThat(l.tryAcquire("same")).isTrue();
        }
        assertThat(l.running()).isEqualTo(100);
    }

    @Test
    void theOldestObjectsAreForgotten_andTheirNextAnswerCountsAsAFirstAgain() {
        TransferLimit l = new TransferLimit(1);
        assertThat(l.tryAcquire("old")).isTrue();
        assertThat(l.tryAcquire("old")).isFalse();
        for (int i = 0; i < TransferLimit.REMEMBERED_OBJECTS; i++) {
            assertThat(l.admit(1, "segment-" + i)).isTrue();
        }
        assertThat(l.tryAcquire("old")).isTrue();
        assertThat(l.admit(1, "segment-" + (TransferLimit.REMEMBERED_OBJECTS - 1))).isFalse();
    }

    @Test
    void reserved_theLastTransfersAreOnlyForRequestersInGoodStanding() {
        TransferLimit l = new TransferLimit(4, 2);
        assertThat(l.reserves()).isTrue();
        assertThat(l.tryAcquire("a", false)).as("first answer").isTrue();
        assertThat(l.tryAcquire("a", false)).as("1 running").isTrue();
        assertThat(l.tryAcquire("a", false)).as("2 running").isFalse();
        assertThat(l.tryAcquire("a", true)).as("2 running, good").isTrue();
        assertThat(l.tryAcquire("a", false)).as("3 running").isFalse();
        assertThat(l.tryAcquire("a", true)).as("3 running, good").isTrue();
        assertThat(l.tryAcquire("a", true)).as("4 running, good").isFalse();
        assertThat(l.tryAcquire("a", false)).as("4 running").isFalse();
        assertThat(l.running()).isEqualTo(4);
        // An object's first answer goes to whoever asks first, beyond the limit and the reserve.
        assertThat(l.tryAcquire("b", false)).isTrue();
        assertThat(l.running()).isEqualTo(5);
        assertThat(l.tryAcquire("b", true)).isFalse();
    }

    @Test
    void reserved_admitAgainstTheCallersCount() {
        TransferLimit l = new TransferLimit(4, 2);
        assertThat(l.admit(3, "x", false)).as("first answer").isTrue();
        assertThat(l.admit(0, "x", false)).isTrue();
        assertThat(l.admit(1, "x", false)).isTrue();
        assertThat(l.admit(2, "x", false)).isFalse();
        assertThat(l.admit(3, "x", false)).isFalse();
        assertThat(l.admit(2, "x", true)).isTrue();
        assertThat(l.admit(3, "x", true)).isTrue();
        assertThat(l.admit(4, "x", true)).isFalse();
        // The one-argument forms are those of a requester in good standing.
        assertThat(l.admit(3, "x")).isTrue();
        assertThat(l.running()).isZero();
    }

    @Test
    void reserved_allOfTheLimit_leavesOthersOnlyFirstAnswers() {
        TransferLimit l = new TransferLimit(2, 2);
        assertThat(l.admit(0, "x", false)).as("first answer").isTrue();
        assertThat(l.admit(0, "x", false)).isFalse();
        assertThat(l.admit(1, "x", true)).isTrue();
    }

    @Test
    void notGood_tryAcquireAndRelease_countRunningAnswers() {
        TransferLimit l = new TransferLimit(4, 2);
        assertThat(l.tryAcquire("a", false)).isTrue();
        assertThat(l.tryAcquire("a", false)).isTrue();
        assertThat(l.tryAcquire("a", false)).isFalse();
        assertThat(l.running()).isEqualTo(2);
        l.release();
        assertThat(l.running()).isEqualTo(1);
        assertThat(l.tryAcquire("a", false)).isTrue();
        assertThat(l.running()).isEqualTo(2);
        l.release();
        l.release();
        assertThat(l.running()).isZero();
        assertThatThrownBy(l::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reserved_outsideZeroToTheLimit_isRefused_quotingIt() {
        assertThatThrownBy(() -> new TransferLimit(4, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new TransferLimit(4, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4").hasMessageContaining("5");
        assertThatThrownBy(() -> new TransferLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TransferLimit(4, 0).reserves()).isFalse();
        assertThat(new TransferLimit(4).reserves()).isFalse();
        assertThat(new TransferLimit(0, 0).admit(100, "x", false)).isTrue();
    }

    @Test
    void misuse_isRefused() {
        assertThatThrownBy(() -> new TransferLimit(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new TransferLimit(1).release()).isInstanceOf(IllegalStateException.class);
    }
}
