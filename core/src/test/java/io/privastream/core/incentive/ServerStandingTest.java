package io.privastream.core.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerStandingTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long MAX_AGE = ServerStanding.DEFAULT_MAX_AGE.toMillis();
    private static final long MIN_EARNED = ServerStanding.DEFAULT_MIN_EARNED_BYTES;
    private static final long GRACE = ServerStanding.DEFAULT_NEWCOMER_GRACE.toMillis();
    /** Known to the ledger for longer than the newcomer grace: only what it earned can count. */
    private static final long OLD_HAND = GRACE + 60_000;
    private static final String PATH = "/content/0123456789abcdef/chunk-stream0-00001.m4s";

    private final KeyPair tracker = StandingTicketTest.keys();
    private final KeyPair agent = StandingTicketTest.keys();
    private final String agentPin = Receipt.pinOf(agent.getPublic().getEncoded());
    private final String trackerPin = Receipt.pinOf(tracker.getPublic().getEncoded());
    private final ServerStanding standing = new ServerStanding(trackerPin, ServerStanding.DEFAULT_MAX_AGE, Receipt.jdkVerifier());

    private StandingTicket ticket(long balanceBytes, long earnedBytes, long knownForMillis, long issuedAtMillis, KeyPair issuer) {
        return StandingTicket.issue(new Standing(agentPin, balanceBytes, earnedBytes, 0), knownForMillis, issuedAtMillis, issuer.getPrivate(),
                issuer.getPublic());
    }

    /** A contributor's ticket (twice the minimum earned, known beyond the grace). */
    private StandingTicket ticket(long issuedAtMillis, KeyPair issuer) {
        return ticket(20_000_000, 2 * MIN_EARNED, OLD_HAND, issuedAtMillis, issuer);
    }

    private String proof(StandingTicket t, String path, long timeMillis) {
        return StandingProof.sign(t, path, timeMillis, agent.getPrivate(), agent.getPublic()).encode();
    }

    /** Whether a request for {@link #PATH} now, with a ticket and a proof made as given, is in good standing by {@code server}. */
    private boolean good(ServerStanding server, StandingTicket t, long proofTimeMillis) {
        return server.good(t.encode(), proof(t, PATH, proofTimeMillis), PATH, NOW);
    }

    private boolean good(StandingTicket t, long proofTimeMillis) {
        return good(standing, t, proofTimeMillis);
    }

    @Test
    void aFreshContributorsTicket_fromTheTrustedIssuer_provenForThisPath_isGood() {
        StandingTicket t = ticket(NOW - 1_000, tracker);
        assertThat(good(t, NOW)).isTrue();
        // Asked again (the issuer's signature now remembered), still good; and at the edges of the clock tolerance.
        assertThat(good(t, NOW - MAX_AGE)).isTrue();
        assertThat(good(t, NOW + MAX_AGE)).isTrue();
        assertThat(good(ticket(NOW - MAX_AGE, tracker), NOW)).isTrue();
    }

    @Test
    void missingHeaders_areNotGood() {
        StandingTicket t = ticket(NOW, tracker);
        assertThat(standing.good(null, null, PATH, NOW)).isFalse();
        assertThat(standing.good(t.encode(), null, PATH, NOW)).isFalse();
        assertThat(standing.good(null, proof(t, PATH, NOW), PATH, NOW)).isFalse();
    }

    @Test
    void anEarnerOfAtLeastTheMinimum_knownBeyondTheGrace_isGood_whateverItsBalance() {
        assertThat(good(ticket(20_000_000, MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isTrue();
        assertThat(good(ticket(20_000_000, 2 * MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isTrue();
        // One who took more from peers than it gave still served others: the balance is not the rule.
        assertThat(good(ticket(-5_000_000, 2 * MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isTrue();
    }

    @Test
    void anEarnerBelowTheMinimum_knownBeyondTheGrace_isNotGood_whateverItsBalance() {
        assertThat(good(ticket(20_000_000, MIN_EARNED - 1, OLD_HAND, NOW, tracker), NOW)).isFalse();
        assertThat(good(ticket(20_000_000, 0, OLD_HAND, NOW, tracker), NOW)).isFalse();
        // A free-rider keeps its allowance (servers never charge it), so a high balance does not help.
        assertThat(good(ticket(Long.MAX_VALUE, 0, OLD_HAND, NOW, tracker), NOW)).isFalse();
    }

    @Test
    void aNewcomerWithinTheGrace_isGood_havingEarnedNothing() {
        assertThat(good(ticket(20_000_000, 0, 10_000, NOW, tracker), NOW)).isTrue();
        assertThat(good(ticket(20_000_000, 0, 0, NOW - 1_000, tracker), NOW)).isTrue();
        assertThat(good(ticket(0, 0, 10_000, NOW, tracker), NOW)).isTrue();
    }

    @Test
    void aNewcomerWhoseGraceRanOutByNow_isNotGood_thoughItHadNotWhenIssued() {
        // Known for 50 s when issued 15 s ago: 65 s by now, beyond the 60 s grace.
        assertThat(good(ticket(20_000_000, 0, 50_000, NOW - 15_000, tracker), NOW)).isFalse();
        // The same figures issued 5 s ago: 55 s, still within it.
        assertThat(good(ticket(20_000_000, 0, 50_000, NOW - 5_000, tracker), NOW)).isTrue();
        // Exactly at the grace: no longer a newcomer.
        assertThat(good(ticket(20_000_000, 0, GRACE - 1_000, NOW - 1_000, tracker), NOW)).isFalse();
        assertThat(good(ticket(20_000_000, 0, GRACE - 1_000, NOW - 999, tracker), NOW)).isTrue();
    }

    @Test
    void contributor_isEarnedAtLeastTheMinimum_orKnownForLessThanTheGrace() {
        assertThat(ServerStanding.contributor(MIN_EARNED, GRACE, MIN_EARNED, GRACE)).isTrue();
        assertThat(ServerStanding.contributor(MIN_EARNED - 1, GRACE, MIN_EARNED, GRACE)).isFalse();
        assertThat(ServerStanding.contributor(MIN_EARNED - 1, GRACE - 1, MIN_EARNED, GRACE)).isTrue();
        assertThat(ServerStanding.contributor(0, 0, MIN_EARNED, GRACE)).isTrue();
        assertThat(ServerStanding.contributor(0, Long.MAX_VALUE, MIN_EARNED, GRACE)).isFalse();
        assertThat(ServerStanding.contributor(Long.MAX_VALUE, Long.MAX_VALUE, MIN_EARNED, GRACE)).isTrue();
        // No grace: a newcomer must have earned like anyone; no minimum: everyone contributes.
        assertThat(ServerStanding.contributor(0, 0, MIN_EARNED, 0)).isFalse();
        assertThat(ServerStanding.contributor(0, Long.MAX_VALUE, 0, 0)).isTrue();
    }

    @Test
    void aConfiguredRule_replacesTheDefaults() {
        ServerStanding strict = new ServerStanding(trackerPin, ServerStanding.DEFAULT_MAX_AGE, 5 * MIN_EARNED, Duration.ZERO, Receipt.jdkVerifier());
        assertThat(good(strict, ticket(20_000_000, 5 * MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isTrue();
        assertThat(good(strict, ticket(20_000_000, 2 * MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isFalse();
        assertThat(good(strict, ticket(20_000_000, 0, 0, NOW, tracker), NOW)).isFalse();

        ServerStanding patient = new ServerStanding(trackerPin, ServerStanding.DEFAULT_MAX_AGE, MIN_EARNED, Duration.ofMinutes(10),
                Receipt.jdkVerifier());
        assertThat(good(patient, ticket(20_000_000, 0, OLD_HAND, NOW, tracker), NOW)).isTrue();
        assertThat(good(patient, ticket(20_000_000, 0, Duration.ofMinutes(10).toMillis(), NOW, tracker), NOW)).isFalse();
    }

    @Test
    void aTicketOlderThanTheMaximumAge_orFromTheFuture_isNotGood() {
        assertThat(good(ticket(NOW - MAX_AGE - 1, tracker), NOW)).isFalse();
        assertThat(good(ticket(NOW - Duration.ofHours(1).toMillis(), tracker), NOW)).isFalse();
        assertThat(good(ticket(NOW + MAX_AGE + 1, tracker), NOW)).isFalse();
    }

    @Test
    void aProofTooFarFromTheServersClock_isNotGood() {
        StandingTicket t = ticket(NOW, tracker);
        assertThat(good(t, NOW - MAX_AGE - 1)).isFalse();
        assertThat(good(t, NOW + MAX_AGE + 1)).isFalse();
    }

    @Test
    void aTicketFromAnotherIssuer_orForgedInTheTrustedIssuersName_isNotGood() {
        KeyPair stranger = StandingTicketTest.keys();
        assertThat(good(ticket(NOW, stranger), NOW)).isFalse();
        // The trusted issuer's key, with a signature by another key.
        StandingTicket strangers = ticket(NOW, stranger);
        StandingTicket forged = new StandingTicket(agentPin, strangers.balanceBytes(), strangers.earnedBytes(), strangers.knownForMillis(), NOW,
                tracker.getPublic().getEncoded(), strangers.signature());
        assertThat(good(forged, NOW)).isFalse();
    }

    @Test
    void aGenuineTicket_withItsEarnedOrKnownForChanged_underTheSameSignature_isNotGood() {
        StandingTicket rider = ticket(20_000_000, 0, OLD_HAND, NOW, tracker);
        StandingTicket earned = StandingTicket.parse(new StandingTicket(agentPin, rider.balanceBytes(), 2 * MIN_EARNED, rider.knownForMillis(), NOW,
                rider.issuerKey(), rider.signature()).encode());
        StandingTicket younger = StandingTicket.parse(new StandingTicket(agentPin, rider.balanceBytes(), rider.earnedBytes(), 0, NOW,
                rider.issuerKey(), rider.signature()).encode());
        assertThat(good(earned, NOW)).isFalse();
        assertThat(good(younger, NOW)).isFalse();
        // Had the tracker signed those figures, each would be good: it is the signature that refuses them.
        assertThat(good(ticket(20_000_000, 2 * MIN_EARNED, OLD_HAND, NOW, tracker), NOW)).isTrue();
        assertThat(good(ticket(20_000_000, 0, 0, NOW, tracker), NOW)).isTrue();
    }

    @Test
    void aProofForAnotherPath_orByAnotherKey_orForAnotherTicket_isNotGood() {
        StandingTicket t = ticket(NOW, tracker);
        assertThat(standing.good(t.encode(), proof(t, "/content/0123456789abcdef/other.m4s", NOW), PATH, NOW)).isFalse();
        KeyPair stranger = StandingTicketTest.keys();
        String strangers = StandingProof.sign(t, PATH, NOW, stranger.getPrivate(), stranger.getPublic()).encode();
        assertThat(standing.good(t.encode(), strangers, PATH, NOW)).isFalse();
        StandingTicket other = ticket(NOW - 1, tracker);
        assertThat(standing.good(t.encode(), proof(other, PATH, NOW), PATH, NOW)).isFalse();
    }

    @Test
    void junkHeaders_areNotGood_andNeverThrow() {
        StandingTicket t = ticket(NOW, tracker);
        String ticket = t.encode();
        String proof = proof(t, PATH, NOW);
        String[] junk = {"", ".", "v1", "v1.......", "garbage", "v1." + agentPin + ".9e9.0.0." + NOW + ".a.b", "\u0000\uffff", "x".repeat(10_000),
            ticket.replace("v1.", "v9."), ticket.substring(0, ticket.length() - 3), ticket + "AAAA"};
        for (String j : junk) {
            assertThat(standing.good(j, proof, PATH, NOW)).as(j).isFalse();
            assertThat(standing.good(ticket, j, PATH, NOW)).as(j).isFalse();
            assertThat(standing.good(j, j, PATH, NOW)).as(j).isFalse();
        }
        assertThat(standing.good(ticket, proof, "", NOW)).isFalse();
        assertThat(standing.good(ticket, proof, PATH, NOW)).isTrue();
    }

    @Test
    void aMaximumAgeOfZeroOrLess_orANegativeRule_isRefused() {
        assertThatThrownBy(() -> new ServerStanding("sha256:x", Duration.ZERO, Receipt.jdkVerifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new ServerStanding("sha256:x", Duration.ofSeconds(-1), Receipt.jdkVerifier()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerStanding("sha256:x", Duration.ofSeconds(30), -1, Duration.ZERO, Receipt.jdkVerifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earned");
        assertThatThrownBy(() -> new ServerStanding("sha256:x", Duration.ofSeconds(30), 0, Duration.ofMillis(-1), Receipt.jdkVerifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }
}
