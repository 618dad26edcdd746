package io.privastream.core.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final String SWARM = "0123456789abcdef0123456789abcdef";
    private static final long NOW = 1_800_000_000_000L;
    private static final LedgerPolicy POLICY = new LedgerPolicy(20_000_000, 50_000_000, Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofSeconds(30));

    private final SplittableRandom random = new SplittableRandom(1);

    /** An identity: its key pair and pin. */
    private record Id(KeyPair keys, String pin) {
        static Id fresh() throws Exception {
            KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Id(k, Receipt.pinOf(k.getPublic().getEncoded()));
        }

        Receipt gives(Id server, long bytes, long nonce, long time) {
            return Receipt.sign(server.pin, SWARM, bytes, nonce, time, keys.getPrivate(), keys.getPublic());
        }
    }

    private Ledger ledger() {
        return new Ledger(POLICY, (receiver, swarm) -> swarm.equals(SWARM));
    }

    @Test
    void honestReceipt_movesCreditFromReceiverToServer() throws Exception {
        Id server = Id.fresh();
        Id receiver = Id.fresh();
        Ledger ledger = ledger();
        Ledger.Redemption r = ledger.redeem(List.of(receiver.gives(server, 1_000_000, 7, NOW)), NOW);
        assertThat(r.outcomes()).containsExactly(new Ledger.Outcome(Ledger.Verdict.CREDITED, 1_000_000));
        assertThat(r.entries()).hasSize(1);
        assertThat(ledger.standing(server.pin).balanceBytes()).isEqualTo(21_000_000);
        assertThat(ledger.standing(receiver.pin).balanceBytes()).isEqualTo(19_000_000);
        assertThat(ledger.totalBalance()).isEqualTo(40_000_000);
    }

    @Test
    void forgedTamperedReplayedSelfStaleOrFutureReceipts_gainNothing() throws Exception {
        Id server = Id.fresh();
        Id receiver = Id.fresh();
        Id other = Id.fresh();
        Ledger ledger = ledger();
        Receipt honest = receiver.gives(server, 1_000_000, 1, NOW);
        Receipt tampered = new Receipt(honest.server(), honest.receiver(), honest.swarm(), 9_000_000, honest.nonce(), honest.timeMillis(),
                honest.receiverKey(), honest.signature());
        Receipt wrongKey = new Receipt(honest.server(), honest.receiver(), honest.swarm(), honest.bytes(), 2, honest.timeMillis(),
                other.keys.getPublic().getEncoded(), other.gives(server, 1_000_000, 2, NOW).signature());
        List<Receipt> batch = List.of(tampered, wrongKey, honest, honest,
                server.gives(server, 1_000_000, 4, NOW), receiver.gives(server, 1_000_000, 5, NOW - Duration.ofMinutes(11).toMillis()),
                receiver.gives(server, 1_000_000, 6, NOW + Duration.ofMinutes(1).toMillis()));
        List<Ledger.Verdict> verdicts = ledger.redeem(batch, NOW).outcomes().stream().map(Ledger.Outcome::verdict).toList();
        assertThat(verdicts).containsExactly(Ledger.Verdict.FORGED, Ledger.Verdict.FORGED, Ledger.Verdict.CREDITED, Ledger.Verdict.REPLAYED,
                Ledger.Verdict.SELF, Ledger.Verdict.STALE, Ledger.Verdict.FUTURE);
        assertThat(ledger.standing(server.pin).earnedBytes()).isEqualTo(1_000_000);
        // Presented again later, by anyone: still nothing; and credit only ever goes to the server it names.
        assertThat(ledger.standing(other.pin).balanceBytes()).isEqualTo(POLICY.allowanceBytes());
        assertThat(ledger.redeem(List.of(honest), NOW + 1000).outcomes().getFirst().verdict()).isEqualTo(Ledger.Verdict.REPLAYED);
    }

    @Test
    void receiptForContentTheReceiverNeverJoined_countsForNothing() throws Exception {
        Id server = Id.fresh();
        Id receiver = Id.fresh();
        Ledger ledger = new Ledger(POLICY, (who, swarm) -> false);
        Ledger.Redemption r = ledger.redeem(List.of(receiver.gives(server, 1_000_000, 1, NOW)), NOW);
        assertThat(r.outcomes()).containsExactly(new Ledger.Outcome(Ledger.Verdict.NOT_A_VIEWER, 0));
        assertThat(ledger.standing(server.pin).balanceBytes()).isEqualTo(POLICY.allowanceBytes());
    }

    @Test
    void creditFromOneCounterparty_diminishes_andIsCappedPerWindow() throws Exception {
        Id server = Id.fresh();
        Id rich = Id.fresh();
        Ledger ledger = ledger();
        // Give the receiver enough to pay: others served by it... simplest, it earned from many.
        for (int i = 0; i < 10; i++) {
            Id payer = Id.fresh();
            ledger.redeem(List.of(payer.gives(rich, 20_000_000, i, NOW)), NOW);
        }
        long first = ledger.redeem(List.of(rich.gives(server, 10_000_000, 100, NOW)), NOW).creditedBytes();
        long second = ledger.redeem(List.of(rich.gives(server, 10_000_000, 101, NOW)), NOW).creditedBytes();
        assertThat(first).isEqualTo(10_000_000);
        assertThat(second).isLessThan(first).isEqualTo(8_000_000);
        long total = first + second;
        for (int i = 0; i < 100; i++) {
            total += ledger.redeem(List.of(rich.gives(server, 10_000_000, 200 + i, NOW)), NOW).creditedBytes();
        }
        assertThat(total).isLessThanOrEqualTo(POLICY.pairCapBytes());
        // A new window, new cap.
        long later = NOW + POLICY.window().toMillis();
        assertThat(ledger.redeem(List.of(rich.gives(server, 1_000_000, 999, later)), later).creditedBytes()).isPositive();
    }

    @Test
    void collidingPair_exchangingFakeTraffic_gainsNoMoreThanTheCap_andNothingTogether() throws Exception {
        Id a = Id.fresh();
        Id b = Id.fresh();
        Ledger ledger = ledger();
        for (int i = 0; i < 200; i++) {
            ledger.redeem(List.of(b.gives(a, 5_000_000, 2L * i, NOW + i)), NOW + i);
            ledger.redeem(List.of(a.gives(b, 5_000_000, 2L * i + 1, NOW + i)), NOW + i);
        }
        long gainA = ledger.standing(a.pin).balanceBytes() - POLICY.allowanceBytes();
        long gainB = ledger.standing(b.pin).balanceBytes() - POLICY.allowanceBytes();
        assertThat(gainA).isLessThanOrEqualTo(POLICY.pairCapBytes());
        assertThat(gainB).isLessThanOrEqualTo(POLICY.pairCapBytes());
        assertThat(gainA + gainB).isZero();
    }

    @Test
    void sybilSwarmOf20_holdsAtMostItsAllowances_whateverItTradesAmongItself() throws Exception {
        List<Id> sybils = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sybils.add(Id.fresh());
        }
        Ledger ledger = ledger();
        long nonce = 0;
        for (int round = 0; round < 12; round++) {
            for (Id server : sybils) {
                List<Receipt> batch = new ArrayList<>();
                for (Id receiver : sybils) {
                    if (receiver != server) {
                        batch.add(receiver.gives(server, 3_000_000, nonce++, NOW + round));
                    }
                }
                ledger.redeem(batch, NOW + round);
            }
        }
        long held = sybils.stream().mapToLong(s -> ledger.standing(s.pin).balanceBytes()).sum();
        assertThat(held).isEqualTo(20 * POLICY.allowanceBytes());
        assertThat(sybils.stream().mapToLong(s -> ledger.standing(s.pin).balanceBytes()).max().orElseThrow())
                .isLessThanOrEqualTo(POLICY.allowanceBytes() + 19 * POLICY.pairCapBytes());
    }

    @Test
    void replayedEntries_restoreBalances_andStillRefuseTheReceipt() throws Exception {
        Id server = Id.fresh();
        Id receiver = Id.fresh();
        Ledger first = ledger();
        Receipt r = receiver.gives(server, 2_000_000, 42, NOW);
        List<Ledger.Entry> stored = first.redeem(List.of(r), NOW).entries();
        Ledger restarted = ledger();
        stored.forEach(restarted::replay);
        assertThat(restarted.standing(server.pin)).isEqualTo(first.standing(server.pin));
        assertThat(restarted.redeem(List.of(r), NOW + 5).outcomes().getFirst().verdict()).isEqualTo(Ledger.Verdict.REPLAYED);
    }

    @Test
    void policies_turnStandingIntoSources() {
        IncentivePolicy tokens = IncentivePolicy.byName("tokens");
        assertThat(tokens.sources(new Standing("p", 20_000_000, 0, 0), true, 6)).isEqualTo(3);
        assertThat(tokens.sources(new Standing("p", 75_000_000, 0, 0), true, 6)).isEqualTo(5);
        assertThat(tokens.sources(new Standing("p", 10_000_000_000L, 0, 0), true, 6)).isEqualTo(6);
        assertThat(tokens.sources(new Standing("p", 0, 0, 0), true, 6)).isEqualTo(1);
        assertThat(tokens.sources(new Standing("p", 150_000_000, 0, 0), false, 6)).isEqualTo(1);
        assertThat(tokens.priority(new Standing("p", 5, 0, 0))).isLessThan(tokens.priority(new Standing("q", 6, 0, 0)));
        assertThat(IncentivePolicy.byName("none").sources(new Standing("p", 0, 0, 0), false, 4)).isEqualTo(4);
    }
}
