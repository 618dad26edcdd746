package io.privastream.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privastream.link.LinkProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AeadCostTest {
    @Test
    void sealsAndOpensRecords_andCostsSomething() {
        // Opening checks each record's tag: a nonce or buffer mix-up would throw here.
        AeadCost.Result r = AeadCost.measure(Duration.ofMillis(30), AeadCost.Aead.of(LinkProtocol.NOISE));

        assertThat(r.sealSecondsPerGb()).isPositive().isFinite();
        assertThat(r.openSecondsPerGb()).isPositive().isFinite();
    }

    @Test
    void ceilingIsPlainsShareOfPlainPlusTheAead() {
        AeadCost.Result r = new AeadCost.Result(0.2, 0.3);

        assertThat(r.ceiling(1.5)).isCloseTo(0.75, within(1e-9));
        assertThat(r.ceiling(0.5)).isCloseTo(0.5, within(1e-9));
    }
}
