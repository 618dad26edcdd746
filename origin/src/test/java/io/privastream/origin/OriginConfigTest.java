package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginConfigTest {
    private static final String PIN = "sha256:" + "A".repeat(43);

    @Test
    void byDefault_noTransferIsReserved_andNoIssuerTrusted() {
        OriginConfig c = OriginConfig.builder().build();
        assertThat(c.reservedTransfers()).isZero();
        assertThat(c.standingIssuer()).isEmpty();
    }

    @Test
    void reservedTransfers_withinTheLimit_andAnIssuer_areKept() {
        OriginConfig c = OriginConfig.builder().maxTransfers(4).reservedTransfers(4).standingIssuer(PIN).build();
        assertThat(c.reservedTransfers()).isEqualTo(4);
        assertThat(c.standingIssuer()).hasValue(PIN);
        // An issuer without reserved transfers is allowed, and unused.
        assertThat(OriginConfig.builder().standingIssuer(PIN).build().standingIssuer()).hasValue(PIN);
    }

    @Test
    void reservedTransfers_outsideZeroToMaxTransfers_areRefused_quotingThem() {
        assertThatThrownBy(() -> OriginConfig.builder().maxTransfers(2).reservedTransfers(3).standingIssuer(PIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reservedTransfers must be 0..2").hasMessageContaining("got 3");
        assertThatThrownBy(() -> OriginConfig.builder().reservedTransfers(1).standingIssuer(PIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..0").hasMessageContaining("--max-transfers");
        assertThatThrownBy(() -> OriginConfig.builder().maxTransfers(2).reservedTransfers(-1).standingIssuer(PIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void reservedTransfers_withoutAStandingIssuer_areRefused_namingTheFlag() {
        assertThatThrownBy(() -> OriginConfig.builder().maxTransfers(2).reservedTransfers(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standingIssuer").hasMessageContaining("--standing-issuer");
    }

    @Test
    void aStandingIssuerThatIsNoPin_isRefused_quotingIt() {
        for (String bad : new String[] {"", "tracker", "sha256:short", "sha1:" + "A".repeat(43), PIN + "A", "sha256:" + "+".repeat(43)}) {
            assertThatThrownBy(() -> OriginConfig.builder().maxTransfers(2).reservedTransfers(1).standingIssuer(bad).build()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--standing-issuer").hasMessageContaining("'" + bad + "'");
        }
    }
}
