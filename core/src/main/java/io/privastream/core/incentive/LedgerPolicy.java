package io.privastream.core.incentive;

import java.time.Duration;

/**
 * How the ledger turns receipts into credit. Tokens are counted in bytes of upload credited
 * (one "token" in tables is 10^6 of them).
 *
 * @param allowanceBytes   what a fresh identity starts with, so newcomers can pay for their first
 *                         peer bytes and a Sybil gains only this per identity; default 20 MB
 * @param pairCapBytes     most credit one server earns from one receiver per {@code window};
 *                         credit from one counterparty also diminishes as it nears the cap (each
 *                         receipt counts {@code 1 - already/cap} of its bytes); default 50 MB
 * @param window           the period the pair cap applies to; default 10 min
 * @param maxReceiptAge    receipts older than this (by their own time) are refused, and the
 *                         nonces of younger ones are remembered to refuse replays; default 10 min
 * @param maxClockSkew     receipts dated further in the future are refused; default 30 s
 */
public record LedgerPolicy(long allowanceBytes, long pairCapBytes, Duration window, Duration maxReceiptAge, Duration maxClockSkew) {

    /** @throws IllegalArgumentException quoting the bad value */
    public LedgerPolicy {
        if (allowanceBytes < 0 || pairCapBytes < 1) {
            throw new IllegalArgumentException("allowance must be >= 0 and the pair cap >= 1 byte, got " + allowanceBytes + ", " + pairCapBytes);
        }
        for (Duration d : new Duration[] {window, maxReceiptAge, maxClockSkew}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ledger durations must be positive, got " + d);
            }
        }
    }

    /** The defaults listed on the record. */
    public static LedgerPolicy defaults() {
        return new LedgerPolicy(20_000_000, 50_000_000, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(30));
    }
}
