package io.privastream.core.incentive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The token ledger's decisions: which receipts count and for how much. Bandwidth is the currency
 * (as in Tribler): a credited receipt moves credit from the receiver's account to the server's,
 * so tokens are never made out of nothing — a fresh identity starts with
 * {@link LedgerPolicy#allowanceBytes()}, and whatever a group of colluding or Sybil identities
 * does among themselves, they hold at most their allowances together.
 *
 * <p>Whoever presents a receipt, its credit goes to the server it names (signed by the receiver),
 * so presenting others' receipts gains nothing. A receipt counts when, in this order: it is not
 * self-dealt, neither stale nor dated in the future, its signature is the
 * receiver's, its nonce was never seen for that receiver, and the receiver is a viewer of the
 * content (the tracker saw it join that swarm). It is then credited
 * {@code min(bytes × (1 - used/cap), cap - used, receiver's balance)}, {@code used} being what
 * this server already got from this receiver in the current window: credit from one
 * counterparty diminishes and is capped.
 *
 * <p>Sans-IO: time is passed in, nothing is stored here; the caller persists the returned
 * {@link Entry entries} before acknowledging, and {@link #replay replays} them at start.
 * Thread-safe; signatures are checked outside the lock.
 */
public final class Ledger {

    /** What became of one receipt. */
    public enum Verdict {
        /** Counted; {@link Outcome#creditedBytes()} may be 0 when the cap or the receiver's balance is spent. */
        CREDITED,
        /** Server and receiver are the same identity. */
        SELF,
        /** Older than {@link LedgerPolicy#maxReceiptAge()}. */
        STALE,
        /** Dated further ahead than {@link LedgerPolicy#maxClockSkew()}. */
        FUTURE,
        /** The signature is not the receiver's, or the key is not the receiver's pin. */
        FORGED,
        /** Its nonce was already counted for this receiver. */
        REPLAYED,
        /** The receiver never joined the swarm the receipt names: counts for nothing. */
        NOT_A_VIEWER
    }

    /** One receipt's verdict and credit. */
    public record Outcome(Verdict verdict, long creditedBytes) {
    }

    /**
     * What must be stored for one accepted receipt: enough to restore balances and to refuse its
     * replay after a restart.
     */
    public record Entry(String server, String receiver, long nonce, long timeMillis, long creditedBytes) {
    }

    /** The outcomes of a batch, in order, and the entries to persist before acknowledging. */
    public record Redemption(List<Outcome> outcomes, List<Entry> entries) {
        /** Total bytes credited. */
        public long creditedBytes() {
            return outcomes.stream().mapToLong(Outcome::creditedBytes).sum();
        }
    }

    /**
     * Whether a receiver is a viewer of a swarm: the tracker saw the identity {@code receiver}
     * join {@code swarm}.
     */
    @FunctionalInterface
    public interface Membership {
        boolean joined(String receiver, String swarm);
    }

    private static final class Account {
        long balance;
        long earned;
        long spent;
    }

    private record Pair(String server, String receiver, long window) {
    }

    private record Seen(String receiver, long nonce) {
    }

    private final LedgerPolicy policy;
    private final Membership membership;
    private final Receipt.Verifier verifier;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<Pair, Long> pairUse = new HashMap<>();
    /** Nonces counted, with the receipt's time, kept while a replay could still be in date. */
    private final Map<Seen, Long> seen = new HashMap<>();
    private long lastPruneMillis;

    /** A ledger checking signatures with the JDK ({@link Receipt#jdkVerifier()}). */
    public Ledger(LedgerPolicy policy, Membership membership) {
        this(policy, membership, Receipt.jdkVerifier());
    }

    /** A ledger checking signatures with {@code verifier}. */
    public Ledger(LedgerPolicy policy, Membership membership, Receipt.Verifier verifier) {
        this.policy = policy;
        this.membership = membership;
        this.verifier = verifier;
    }

    /** The policy applied. */
    public LedgerPolicy policy() {
        return policy;
    }

    /**
     * Applies receipts presented at {@code nowMillis}.
     *
     * @return per receipt its verdict, and the entries the caller must persist before answering
     */
    public Redemption redeem(List<Receipt> receipts, long nowMillis) {
        // The costly part, without the lock: each signature.
        boolean[] signed = new boolean[receipts.size()];
        for (int i = 0; i < receipts.size(); i++) {
            Receipt r = receipts.get(i);
            signed[i] = !r.server().equals(r.receiver()) && r.verify(verifier);
        }
        synchronized (this) {
            prune(nowMillis);
            List<Outcome> outcomes = new ArrayList<>(receipts.size());
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < receipts.size(); i++) {
                Receipt r = receipts.get(i);
                Verdict v = check(r, signed[i], nowMillis);
                if (v != Verdict.CREDITED && v != Verdict.NOT_A_VIEWER) {
                    outcomes.add(new Outcome(v, 0));
                    continue;
                }
                long credit = v == Verdict.CREDITED ? creditFor(r) : 0;
                Entry e = new Entry(r.server(), r.receiver(), r.nonce(), r.timeMillis(), credit);
                apply(e);
                entries.add(e);
                outcomes.add(new Outcome(v, credit));
            }
            return new Redemption(outcomes, entries);
        }
    }

    private Verdict check(Receipt r, boolean signed, long now) {
        if (r.server().equals(r.receiver())) {
            return Verdict.SELF;
        }
        if (now - r.timeMillis() > policy.maxReceiptAge().toMillis()) {
            return Verdict.STALE;
        }
        if (r.timeMillis() - now > policy.maxClockSkew().toMillis()) {
            return Verdict.FUTURE;
        }
        if (!signed) {
            return Verdict.FORGED;
        }
        if (seen.containsKey(new Seen(r.receiver(), r.nonce()))) {
            return Verdict.REPLAYED;
        }
        return membership.joined(r.receiver(), r.swarm()) ? Verdict.CREDITED : Verdict.NOT_A_VIEWER;
    }

    private long creditFor(Receipt r) {
        long cap = policy.pairCapBytes();
        long used = pairUse.getOrDefault(pair(r.server(), r.receiver(), r.timeMillis()), 0L);
        double share = Math.max(0, 1 - (double) used / cap);
        long credit = Math.min((long) Math.floor(r.bytes() * share), cap - used);
        return Math.max(0, Math.min(credit, account(r.receiver()).balance));
    }

    /** Restores one persisted entry (at start, in log order). */
    public synchronized void replay(Entry e) {
        apply(e);
    }

    private void apply(Entry e) {
        seen.put(new Seen(e.receiver(), e.nonce()), e.timeMillis());
        if (e.creditedBytes() == 0) {
            return;
        }
        Account from = account(e.receiver());
        Account to = account(e.server());
        from.balance -= e.creditedBytes();
        from.spent += e.creditedBytes();
        to.balance += e.creditedBytes();
        to.earned += e.creditedBytes();
        pairUse.merge(pair(e.server(), e.receiver(), e.timeMillis()), e.creditedBytes(), Long::sum);
    }

    /** The standing of {@code pin} (a fresh identity has its allowance and nothing else). */
    public synchronized Standing standing(String pin) {
        Account a = accounts.get(pin);
        return a == null ? new Standing(pin, policy.allowanceBytes(), 0, 0) : new Standing(pin, a.balance, a.earned, a.spent);
    }

    /** Every known account's standing, richest first; at most {@code limit}. */
    public synchronized List<Standing> top(int limit) {
        return accounts.entrySet().stream()
                .map(e -> new Standing(e.getKey(), e.getValue().balance, e.getValue().earned, e.getValue().spent))
                .sorted((x, y) -> Long.compare(y.balanceBytes(), x.balanceBytes()))
                .limit(limit).toList();
    }

    /** Sum of all balances: constant but for new accounts' allowances (a check for tests). */
    public synchronized long totalBalance() {
        return accounts.values().stream().mapToLong(a -> a.balance).sum();
    }

    /** The number of accounts opened. */
    public synchronized int accounts() {
        return accounts.size();
    }

    private Account account(String pin) {
        return accounts.computeIfAbsent(pin, p -> {
            Account a = new Account();
            a.balance = policy.allowanceBytes();
            return a;
        });
    }

    private Pair pair(String server, String receiver, long timeMillis) {
        return new Pair(server, receiver, Math.floorDiv(timeMillis, policy.window().toMillis()));
    }

    /** Forgets nonces no replay could still use and windows past; at most once a second. */
    private void prune(long now) {
        if (now - lastPruneMillis < 1000) {
            return;
        }
        lastPruneMillis = now;
        long oldest = now - policy.maxReceiptAge().toMillis() - policy.maxClockSkew().toMillis();
        seen.values().removeIf(t -> t < oldest);
        long currentWindow = Math.floorDiv(now, policy.window().toMillis());
        for (Iterator<Pair> it = pairUse.keySet().iterator(); it.hasNext(); ) {
            if (it.next().window() < currentWindow - 1) {
                it.remove();
            }
        }
    }
}
