package io.privastream.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyAgesTest {
    private static final String A = "sha256:" + "A".repeat(43);
    private static final String B = "sha256:" + "B".repeat(43);

    @Test
    void aKeyIsKnownFromItsFirstTicket_eachKeyOnItsOwn() {
        KeyAges ages = new KeyAges();

        assertThat(ages.knownFor(A, 1_000)).isZero();
        assertThat(ages.knownFor(A, 61_000)).isEqualTo(60_000);
        assertThat(ages.knownFor(B, 61_000)).isZero();
        assertThat(ages.knownFor(B, 70_000)).isEqualTo(9_000);
        assertThat(ages.knownFor(A, 70_000)).isEqualTo(69_000);
    }

    @Test
    void aClockThatStepsBack_neverGivesANegativeAge() {
        KeyAges ages = new KeyAges();
        ages.knownFor(A, 50_000);

        assertThat(ages.knownFor(A, 40_000)).isZero();
        assertThat(ages.knownFor(A, 55_000)).isEqualTo(5_000);
    }
}
