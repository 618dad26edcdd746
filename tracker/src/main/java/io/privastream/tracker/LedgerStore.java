package io.privastream.tracker;

import io.privastream.core.incentive.Ledger;
import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.incentive.Receipt;
import io.privastream.link.Ed25519;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The token ledger with its storage: {@link Ledger}'s rules, and (when durable) the append-only
 * {@link LedgerLog} its entries reach before a redemption returns. Thread-safe.
 */
public final class LedgerStore implements AutoCloseable {
    private final Ledger ledger;
    private final Optional<LedgerLog> log;

    private LedgerStore(Ledger ledger, Optional<LedgerLog> log) {
        this.ledger = ledger;
        this.log = log;
    }

    /**
     * A ledger kept in {@code file} (created if absent; its entries replayed if present).
     *
     * @throws java.io.UncheckedIOException naming the file when it cannot be opened
     */
    public static LedgerStore open(LedgerPolicy policy, Ledger.Membership membership, Path file) {
        Ledger ledger = new Ledger(policy, membership, Ed25519::verify);
        return new LedgerStore(ledger, Optional.of(LedgerLog.open(file, ledger::replay)));
    }

    /** A ledger in memory only, lost with the process. */
    public static LedgerStore inMemory(LedgerPolicy policy, Ledger.Membership membership) {
        return new LedgerStore(new Ledger(policy, membership, Ed25519::verify), Optional.empty());
    }

    /**
     * Applies {@code receipts} and, when durable, writes the resulting entries to disk before
     * returning.
     *
     * @throws java.io.UncheckedIOException when the entries cannot be written (nothing may be acknowledged)
     */
    public Ledger.Redemption redeem(List<Receipt> receipts, long nowMillis) {
        Ledger.Redemption r = ledger.redeem(receipts, nowMillis);
        log.ifPresent(l -> l.append(r.entries()));
        return r;
    }

    /** The ledger's state (standings). */
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        log.ifPresent(LedgerLog::close);
    }
}
