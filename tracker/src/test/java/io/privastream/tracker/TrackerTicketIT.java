package io.privastream.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.link.NodeIdentity;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/ledger/ticket}: the caller's own standing, signed by the tracker, only for the key its link proved. */
class TrackerTicketIT {
    private static final ContentId LIVE = ContentId.of("livechannel1");
    private static final long PAID = 1_000_000;

    private final NodeIdentity serving = NodeIdentity.generate();
    private final NodeIdentity receiving = NodeIdentity.generate();

    @Test
    void encryptedLink_ticketIsForTheCallersKey_withItsLedgerStanding_signedByTheTracker() throws Exception {
        try (TrackerServer tracker = Trackers.start(TrackerConfig.builder().host("127.0.0.1").port(0).build());
             TrackerClient a = Trackers.client(tracker, serving);
             TrackerClient b = Trackers.client(tracker, receiving)) {
            // Move credit so that the balances are not the allowance every newcomer has, and one of them has earned.
            b.join(LIVE, new JoinRequest(PeerId.of("peer-bbbb"), "https://10.9.9.9:1", true));
            Receipt paid = Receipt.sign(serving.pin().toString(), LIVE.value(), PAID, 7, System.currentTimeMillis(), receiving.privateKey(),
                    receiving.certificate().getPublicKey());
            assertThat(a.redeem(new RedeemRequest(List.of(ReceiptWire.of(paid)))).creditedBytes()).isEqualTo(PAID);

            long before = System.currentTimeMillis();
            StandingTicket earner = a.ticket();
            StandingTicket payer = b.ticket();
            long after = System.currentTimeMillis();

            long allowance = tracker.config().ledgerPolicy().allowanceBytes();
            Standing earned = tracker.ledger().standing(serving.pin().toString());
            Standing spent = tracker.ledger().standing(receiving.pin().toString());
            assertThat(earner.pin()).isEqualTo(serving.pin().toString());
            assertThat(earner.balanceBytes()).isEqualTo(earned.balanceBytes()).isEqualTo(allowance + PAID);
            assertThat(earner.earnedBytes()).isEqualTo(earned.earnedBytes()).isEqualTo(PAID);
            assertThat(payer.pin()).isEqualTo(receiving.pin().toString());
            assertThat(payer.balanceBytes()).isEqualTo(spent.balanceBytes()).isEqualTo(allowance - PAID);
            assertThat(payer.earnedBytes()).isEqualTo(spent.earnedBytes()).isZero();
            for (StandingTicket t : List.of(earner, payer)) {
                assertThat(t.verify(Receipt.jdkVerifier())).isTrue();
                assertThat(t.issuerPin()).isEqualTo(tracker.pin().toString());
                assertThat(t.issuedAtMillis()).isBetween(before, after);
                // Each key's first ticket: the tracker has known it for no time yet.
                assertThat(t.knownForMillis()).isZero();
            }
        }
    }

    @Test
    void encryptedLink_aLaterTicket_isKnownForTheTimeSinceTheKeysFirst() throws Exception {
        try (TrackerServer tracker = Trackers.start(TrackerConfig.builder().host("127.0.0.1").port(0).build());
             TrackerClient a = Trackers.client(tracker, serving);
             TrackerClient b = Trackers.client(tracker, receiving)) {
            long beforeFirst = System.currentTimeMillis();
            StandingTicket first = a.ticket();
            long afterFirst = System.currentTimeMillis();
            assertThat(first.knownForMillis()).isZero();
            // Let the clock move on a little, so that the known-for time of the next ticket must show it.
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                    .until(() -> System.currentTimeMillis() >= afterFirst + 5);

            long beforeSecond = System.currentTimeMillis();
            StandingTicket second = a.ticket();
            StandingTicket othersFirst = b.ticket();
            long afterSecond = System.currentTimeMillis();
            assertThat(second.knownForMillis()).isPositive().isBetween(beforeSecond - afterFirst, afterSecond - beforeFirst)
                    .isEqualTo(second.issuedAtMillis() - first.issuedAtMillis());
            assertThat(second.verify(Receipt.jdkVerifier())).isTrue();
            // Known-for is per key: another key's first ticket, asked later, is still a newcomer's.
            assertThat(othersFirst.knownForMillis()).isZero();
        }
    }

    @Test
    void plainHttp_isRefusedWith403_andOtherMethodsWith405() {
        try (TrackerServer tracker = Trackers.start(TrackerConfig.builder().host("127.0.0.1").port(0).tls(false).build());
             TrackerClient plain = TrackerClient.of(tracker.baseUrl());
             Trackers.Raw raw = new Trackers.Raw(tracker.baseUrl())) {
            assertThatThrownBy(plain::ticket).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).status()).hasValue(403))
                    .hasMessageContaining("only over an encrypted link");
            var post = raw.postJson("v1/ledger/ticket", "{}");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET");
        }
    }
}
