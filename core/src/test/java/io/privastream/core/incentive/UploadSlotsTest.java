package io.privastream.core.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadSlotsTest {

    @Test
    void beyondTheSlots_requestsWait_andEnterBestRankFirst_tiesInArrivalOrder() {
        UploadSlots s = new UploadSlots(2);
        assertThat(s.request(1, 0)).isTrue();
        assertThat(s.request(2, 0)).isTrue();
        assertThat(s.request(3, 10)).isFalse();
        assertThat(s.request(4, 50)).isFalse();
        assertThat(s.request(5, 10)).isFalse();
        assertThat(s.active()).isEqualTo(2);
        assertThat(s.waiting()).isEqualTo(3);

        assertThat(s.release()).containsExactly(4L);
        assertThat(s.release()).containsExactly(3L);
        assertThat(s.release()).containsExactly(5L);
        assertThat(s.release()).isEmpty();
        assertThat(s.release()).isEmpty();
        assertThat(s.active()).isZero();
    }

    @Test
    void aWithdrawnRequest_neverEnters_andAnEnteredOneCannotBeWithdrawn() {
        UploadSlots s = new UploadSlots(1);
        assertThat(s.request(1, 0)).isTrue();
        assertThat(s.request(2, 100)).isFalse();
        assertThat(s.request(3, 1)).isFalse();
        assertThat(s.withdraw(2)).isTrue();
        assertThat(s.withdraw(2)).isFalse();
        assertThat(s.withdraw(1)).isFalse();
        assertThat(s.release()).containsExactly(3L);
    }

    @Test
    void aNewcomer_waitsBehindWaiters_evenWithAFreeSlotPending() {
        UploadSlots s = new UploadSlots(1);
        s.request(1, 0);
        s.request(2, 0);
        // 2 enters as 1 leaves; 3 arrives after and must wait for 2.
        assertThat(s.release()).containsExactly(2L);
        assertThat(s.request(3, 99)).isFalse();
    }

    @Test
    void misuse_isRefused() {
        assertThatThrownBy(() -> new UploadSlots(0)).isInstanceOf(IllegalArgumentException.class);
        UploadSlots s = new UploadSlots(1);
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
        s.request(1, 0);
        s.request(2, 0);
        assertThatThrownBy(() -> s.request(2, 0)).hasMessageContaining("2");
    }
}
