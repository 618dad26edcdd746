package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.Standing;
import io.privastream.link.NodeIdentity;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IncentivesTest {
    private final AtomicLong clock = new AtomicLong();

    /** A directory whose ledger reports fixed standings. */
    private static SwarmDirectory ledgerSaying(long balance) {
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
    void requestersRank_comesFromTheLedger_notFromThemselves() throws Exception {
        Incentives serving = new Incentives(IncentivePolicy.byName("tokens"), true, 4, "sha256:me", ledgerSaying(90_000_000), clock::get, 20_000_000);
        var requester = Optional.of(NodeIdentity.generate().pin());
        assertThat(serving.priority(requester)).isEqualTo(20_000_000); // unknown yet: ranked as a newcomer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> serving.priority(requester) == 90_000_000);
        assertThat(serving.priority(Optional.empty())).isEqualTo(20_000_000);
    }
}
