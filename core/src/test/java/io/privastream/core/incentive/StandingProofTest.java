package io.privastream.core.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandingProofTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String PATH = "/content/0123456789abcdef/chunk-stream0-00001.m4s";

    private final KeyPair tracker = StandingTicketTest.keys();
    private final KeyPair agent = StandingTicketTest.keys();
    private final Standing standing = new Standing(Receipt.pinOf(agent.getPublic().getEncoded()), 10_000, 2_000_000, 0);
    private final StandingTicket ticket = StandingTicket.issue(standing, 30_000, NOW, tracker.getPrivate(), tracker.getPublic());

    private StandingProof proof(StandingTicket t, String path, KeyPair by) {
        return StandingProof.sign(t, path, NOW + 5, by.getPrivate(), by.getPublic());
    }

    @Test
    void aProof_roundTripsThroughItsHeaderForm_andVerifiesForItsPathOnly() {
        StandingProof p = StandingProof.parse(proof(ticket, PATH, agent).encode());
        assertThat(p.timeMillis()).isEqualTo(NOW + 5);
        assertThat(p.verify(ticket, PATH, Receipt.jdkVerifier())).isTrue();
        assertThat(p.verify(ticket, "/content/0123456789abcdef/chunk-stream0-00002.m4s", Receipt.jdkVerifier())).isFalse();
        assertThat(p.verify(ticket, PATH + "?x=1", Receipt.jdkVerifier())).isFalse();
    }

    @Test
    void aProofByAnotherKeyThanTheTicketsPin_fails_evenThoughItsOwnSignatureIsSound() {
        KeyPair stranger = StandingTicketTest.keys();
        assertThat(proof(ticket, PATH, stranger).verify(ticket, PATH, Receipt.jdkVerifier())).isFalse();
        // Nor does it help to claim the agent's key while signing with another.
        StandingProof forged = StandingProof.sign(ticket, PATH, NOW, stranger.getPrivate(), agent.getPublic());
        assertThat(forged.verify(ticket, PATH, Receipt.jdkVerifier())).isFalse();
    }

    @Test
    void aProofForOneTicket_failsForAnother_ofTheSameAgent() {
        StandingTicket older = StandingTicket.issue(standing, 29_000, NOW - 1_000, tracker.getPrivate(), tracker.getPublic());
        assertThat(proof(older, PATH, agent).verify(ticket, PATH, Receipt.jdkVerifier())).isFalse();
        assertThat(proof(ticket, PATH, agent).verify(older, PATH, Receipt.jdkVerifier())).isFalse();
    }

    @Test
    void aChangedTime_underTheSameSignature_fails() {
        StandingProof p = proof(ticket, PATH, agent);
        assertThat(new StandingProof(p.timeMillis() + 1, p.subjectKey(), p.signature()).verify(ticket, PATH, Receipt.jdkVerifier())).isFalse();
    }

    @Test
    void parse_rejectsMalformedText_withIllegalArgumentException() {
        String[] p = proof(ticket, PATH, agent).encode().split("\\.");
        String[] malformed = {
            "",
            p[0] + "." + p[1],
            p[0] + "." + p[1] + "." + p[2] + ".extra",
            "soon." + p[1] + "." + p[2],
            p[0] + ".!!!." + p[2],
            p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[63]),
            p[0] + ".." + p[2],
            p[0] + "." + p[1] + "." + p[2] + "x".repeat(512),
        };
        for (String text : malformed) {
            assertThatThrownBy(() -> StandingProof.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StandingProof.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
