package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.ServerStanding;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingProof;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.link.NodeIdentity;
import io.privastream.protocol.AgentHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IncentivesTest {
    private final AtomicLong clock = new AtomicLong();

    /** A directory whose ledger reports fixed standings. */
    private static SwarmDirectory ledgerSaying(long balance) {
        return ledgerSaying(balance, Optional.empty());
    }

    /** A directory whose ledger reports fixed standings and issues {@code ticket}. */
    private static SwarmDirectory ledgerSaying(long balance, Optional<StandingTicket> ticket) {
        SwarmDirectory none = SwarmDirectory.none();
        return new SwarmDirectory() {
            @Override
            public void join(io.privastream.core.media.ContentId content, boolean live, io.privastream.protocol.SwarmNames names) {
            }

            @Override
            public java.util.List<Holder> holders(io.privastream.core.media.SegmentKey key, int limit) {
                return none.holders(key, limit);
            }

            @Override
            public void have(io.privastream.core.media.SegmentKey key, long sizeBytes) {
            }

            @Override
            public void dropped(io.privastream.core.media.SegmentKey key) {
            }

            @Override
            public boolean redeem(java.util.List<io.privastream.core.incentive.Receipt> receipts) {
                return true;
            }

            @Override
            public Optional<Standing> standing(String pin) {
                return Optional.of(new Standing(pin, balance, 0, 0));
            }

            @Override
            public Optional<StandingTicket> ticket() {
                return ticket;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void ownStanding_setsK_andFreeRidersUseOnePeer() {
        Incentives rich = new Incentives(IncentivePolicy.byName("tokens"), true, 6, "sha256:me", ledgerSaying(150_000_000), clock::get, 20_000_000);
        assertThat(rich.sources()).isEqualTo(3); // the allowance, until the ledger is asked
        rich.refresh();
        assertThat(rich.sources()).isEqualTo(5);
        assertThat(rich.peerLimit(8)).isEqualTo(8);

        Incentives rider = new Incentives(IncentivePolicy.byName("tokens"), false, 6, "sha256:me", ledgerSaying(150_000_000), clock::get, 20_000_000);
        rider.refresh();
        assertThat(rider.sources()).isEqualTo(1);
        assertThat(rider.peerLimit(8)).isEqualTo(1);

        Incentives equal = new Incentives(IncentivePolicy.none(), false, 4, "sha256:me", ledgerSaying(0), clock::get, 20_000_000);
        assertThat(equal.sources()).isEqualTo(4);
        assertThat(equal.peerLimit(8)).isEqualTo(8);
    }

    @Test
    void standingHeaders_showTheLedgersTicket_withAProofForThatPath() {
        NodeIdentity tracker = NodeIdentity.generate();
        NodeIdentity agent = NodeIdentity.generate();
        String me = agent.pin().toString();
        long now = 1_700_000_000_000L;
        String path = "/content/feedc0de00000001/chunk-stream1-00001.m4s";
        // A newcomer's ticket: nothing earned yet, its key new to the tracker.
        StandingTicket ticket = StandingTicket.issue(new Standing(me, 20_000_000, 0, 0), 0, now - 2_000, tracker.privateKey(),
                tracker.certificate().getPublicKey());
        Incentives showing = new Incentives(IncentivePolicy.byName("tokens"), true, 4, me, ledgerSaying(20_000_000, Optional.of(ticket)),
                clock::get, 20_000_000, Optional.of(agent), () -> now);
        assertThat(showing.standingHeaders(path)).isEmpty(); // no ticket until the ledger is asked

        showing.refresh();
        Map<String, String> headers = showing.standingHeaders(path);
        assertThat(headers).containsOnlyKeys(AgentHeaders.STANDING, AgentHeaders.STANDING_PROOF)
                .containsEntry(AgentHeaders.STANDING, ticket.encode());
        ServerStanding server = new ServerStanding(tracker.pin().toString(), Duration.ofSeconds(30), Receipt.jdkVerifier());
        assertThat(server.good(headers.get(AgentHeaders.STANDING), headers.get(AgentHeaders.STANDING_PROOF), path, now)).isTrue();
        assertThat(StandingProof.parse(headers.get(AgentHeaders.STANDING_PROOF)).timeMillis()).isEqualTo(now);
        assertThat(server.good(headers.get(AgentHeaders.STANDING), headers.get(AgentHeaders.STANDING_PROOF), path + "x", now)).isFalse();
        // It is the newcomer grace that makes it good: a server granting none wants earnings the ticket does not show.
        ServerStanding noGrace = new ServerStanding(tracker.pin().toString(), Duration.ofSeconds(30), ServerStanding.DEFAULT_MIN_EARNED_BYTES,
                Duration.ZERO, Receipt.jdkVerifier());
        assertThat(noGrace.good(headers.get(AgentHeaders.STANDING), headers.get(AgentHeaders.STANDING_PROOF), path, now)).isFalse();
    }

    @Test
    void standingHeaders_noneWithoutAProvenKey_orForAnotherKeysTicket() {
        NodeIdentity tracker = NodeIdentity.generate();
        NodeIdentity agent = NodeIdentity.generate();
        String me = agent.pin().toString();
        StandingTicket mine = StandingTicket.issue(new Standing(me, 5, 0, 0), 0, 0, tracker.privateKey(), tracker.certificate().getPublicKey());
        Incentives plain = new Incentives(IncentivePolicy.byName("tokens"), true, 4, me, ledgerSaying(5, Optional.of(mine)), clock::get, 5,
                Optional.empty(), () -> 0);
        plain.refresh();
        assertThat(plain.standingHeaders("/a")).isEmpty();
        assertThat(plain.ticket()).isEmpty();

        StandingTicket theirs = StandingTicket.issue(new Standing(NodeIdentity.generate().pin().toString(), 5, 0, 0), 0, 0, tracker.privateKey(),
                tracker.certificate().getPublicKey());
        Incentives misled = new Incentives(IncentivePolicy.byName("tokens"), true, 4, me, ledgerSaying(5, Optional.of(theirs)), clock::get, 5,
                Optional.of(agent), () -> 0);
        misled.refresh();
        assertThat(misled.standingHeaders("/a")).isEmpty();

        assertThatThrownBy(() -> new Incentives(IncentivePolicy.byName("tokens"), true, 4, "sha256:me", SwarmDirectory.none(), clock::get, 5,
                Optional.of(agent), () -> 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(me);
    }

    @Test
    void requestersRank_comesFromTheLedger_notFromThemselves() throws Exception {
        Incentives serving = new Incentives(IncentivePolicy.byName("tokens"), true, 4, "sha256:me", ledgerSaying(90_000_000), clock::get, 20_000_000);
        var requester = Optional.of(NodeIdentity.generate().pin());
        assertThat(serving.priority(requester)).isEqualTo(20_000_000); // unknown yet: ranked as a newcomer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> serving.priority(requester) == 90_000_000);
        assertThat(serving.priority(Optional.empty())).isEqualTo(20_000_000);
    }
}
