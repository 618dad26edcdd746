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
    void misuse_isRefused() {
        assertThatThrownBy(() -> new TransferLimit(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new TransferLimit(1).release()).isInstanceOf(IllegalStateException.class);
    }
}
