package io.privastream.core.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandingTicketTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long EARNED = 3_000_000;
    private static final long KNOWN_FOR = 90_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair tracker = keys();
    private final KeyPair agent = keys();
    private final String agentPin = Receipt.pinOf(agent.getPublic().getEncoded());

    static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private StandingTicket issued(long balanceBytes, long earnedBytes, long knownForMillis) {
        return StandingTicket.issue(new Standing(agentPin, balanceBytes, earnedBytes, 0), knownForMillis, NOW, tracker.getPrivate(), tracker.getPublic());
    }

    private StandingTicket issued(long balanceBytes) {
        return issued(balanceBytes, EARNED, KNOWN_FOR);
    }

    @Test
    void issued_roundTripsThroughItsHeaderForm_withEveryField_andVerifies_asItsIssuers() {
        StandingTicket t = issued(5_000_000);
        StandingTicket back = StandingTicket.parse(t.encode());
        assertThat(back).isEqualTo(t);
        assertThat(back.hashCode()).isEqualTo(t.hashCode());
        assertThat(back.verify(Receipt.jdkVerifier())).isTrue();
        assertThat(back.issuerPin()).isEqualTo(Receipt.pinOf(tracker.getPublic().getEncoded()));
        assertThat(back.pin()).isEqualTo(agentPin);
        assertThat(back.balanceBytes()).isEqualTo(5_000_000);
        assertThat(back.earnedBytes()).isEqualTo(EARNED);
        assertThat(back.knownForMillis()).isEqualTo(KNOWN_FOR);
        assertThat(back.issuedAtMillis()).isEqualTo(NOW);
        assertThat(back.issuerKey()).containsExactly(tracker.getPublic().getEncoded());
        assertThat(back.signature()).hasSize(64);
        assertThat(t.encode().split("\\.", -1)).hasSize(8)
                .startsWith("v1", agentPin, "5000000", Long.toString(EARNED), Long.toString(KNOWN_FOR), Long.toString(NOW));
        assertThat(back.toString()).contains(agentPin, "5000000", Long.toString(EARNED), Long.toString(KNOWN_FOR));
        // A negative balance is a fact the ledger may sign too; so is a newcomer's nothing earned, known for no time.
        assertThat(StandingTicket.parse(issued(-42).encode()).verify(Receipt.jdkVerifier())).isTrue();
        StandingTicket newcomer = StandingTicket.parse(issued(20_000_000, 0, 0).encode());
        assertThat(newcomer.verify(Receipt.jdkVerifier())).isTrue();
        assertThat(newcomer.earnedBytes()).isZero();
        assertThat(newcomer.knownForMillis()).isZero();
    }

    @Test
    void aChangedField_underTheSameSignature_failsVerification() {
        StandingTicket t = issued(-1_000, 0, 0);
        StandingTicket richer = StandingTicket.parse(new StandingTicket(t.pin(), 1_000_000_000, t.earnedBytes(), t.knownForMillis(), t.issuedAtMillis(),
                t.issuerKey(), t.signature()).encode());
        StandingTicket earner = StandingTicket.parse(new StandingTicket(t.pin(), t.balanceBytes(), 5_000_000, t.knownForMillis(), t.issuedAtMillis(),
                t.issuerKey(), t.signature()).encode());
        StandingTicket newer = StandingTicket.parse(new StandingTicket(t.pin(), t.balanceBytes(), t.earnedBytes(), 1, t.issuedAtMillis(),
                t.issuerKey(), t.signature()).encode());
        StandingTicket later = new StandingTicket(t.pin(), t.balanceBytes(), t.earnedBytes(), t.knownForMillis(), NOW + 60_000, t.issuerKey(), t.signature());
        StandingTicket otherPin = new StandingTicket(Receipt.pinOf(tracker.getPublic().getEncoded()), t.balanceBytes(), t.earnedBytes(),
                t.knownForMillis(), t.issuedAtMillis(), t.issuerKey(), t.signature());
        assertThat(t.verify(Receipt.jdkVerifier())).isTrue();
        assertThat(richer.verify(Receipt.jdkVerifier())).isFalse();
        assertThat(earner.verify(Receipt.jdkVerifier())).isFalse();
        assertThat(newer.verify(Receipt.jdkVerifier())).isFalse();
        assertThat(later.verify(Receipt.jdkVerifier())).isFalse();
        assertThat(otherPin.verify(Receipt.jdkVerifier())).isFalse();
    }

    @Test
    void parse_rejectsMalformedText_withIllegalArgumentException() {
        String[] p = issued(7).encode().split("\\.");
        String key = p[6];
        String sig = p[7];
        String head = "v1." + agentPin + ".7." + EARNED + "." + KNOWN_FOR + ".";
        String[] malformed = {
            "",
            "v1." + agentPin + ".7." + NOW + "." + key + "." + sig,                 // the old six-part form, without earned and known-for
            head + NOW + "." + key,                                                  // seven parts
            head + NOW + "." + key + "." + sig + ".extra",                           // nine parts
            "v2." + agentPin + ".7." + EARNED + "." + KNOWN_FOR + "." + NOW + "." + key + "." + sig, // another version
            "v1." + agentPin + ".lots." + EARNED + "." + KNOWN_FOR + "." + NOW + "." + key + "." + sig, // balance not a number
            "v1." + agentPin + ".7.much." + KNOWN_FOR + "." + NOW + "." + key + "." + sig, // earned not a number
            "v1." + agentPin + ".7." + EARNED + ".ages." + NOW + "." + key + "." + sig,   // known-for not a number
            "v1." + agentPin + ".7.-1." + KNOWN_FOR + "." + NOW + "." + key + "." + sig,  // earned negative
            "v1." + agentPin + ".7." + EARNED + ".-1." + NOW + "." + key + "." + sig,     // known-for negative
            head + "yesterday." + key + "." + sig,                                   // time not a number
            head + NOW + ".!!not*base64!!." + sig,                                   // key not base64url
            head + NOW + "." + key + ".%%%",                                         // signature not base64url
            head + NOW + "." + key + "." + B64.encodeToString(new byte[63]),         // signature too short
            head + NOW + "." + key + "." + B64.encodeToString(new byte[65]),         // signature too long
            head + NOW + ".." + sig,                                                 // no key
            "v1.sha256:short.7." + EARNED + "." + KNOWN_FOR + "." + NOW + "." + key + "." + sig, // pin too short
            "v1.md5:" + agentPin.substring(7) + ".7." + EARNED + "." + KNOWN_FOR + "." + NOW + "." + key + "." + sig, // pin of another hash
            head + NOW + "." + key + "." + sig + "x".repeat(1024),                   // too long
        };
        for (String text : malformed) {
            assertThatThrownBy(() -> StandingTicket.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StandingTicket.parse(null)).isInstanceOf(IllegalArgumentException.class);
        // The well-formed text these were made from does parse: the rejections are for what was changed.
        assertThat(StandingTicket.parse(head + NOW + "." + key + "." + sig)).isEqualTo(issued(7));
    }

    @Test
    void theConstructor_namesWhatIsMissingOrOutOfRange() {
        StandingTicket t = issued(1);
        assertThatThrownBy(() -> new StandingTicket(null, 1, 0, 0, NOW, t.issuerKey(), t.signature()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pin");
        assertThatThrownBy(() -> new StandingTicket(agentPin, 1, 0, 0, NOW, new byte[0], t.signature()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64-byte signature");
        assertThatThrownBy(() -> new StandingTicket(agentPin, 1, 0, 0, NOW, t.issuerKey(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64-byte signature");
        assertThatThrownBy(() -> new StandingTicket(agentPin, 1, -1, 0, NOW, t.issuerKey(), t.signature()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earned");
        assertThatThrownBy(() -> new StandingTicket(agentPin, 1, 0, -1, NOW, t.issuerKey(), t.signature()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known-for");
    }
}
