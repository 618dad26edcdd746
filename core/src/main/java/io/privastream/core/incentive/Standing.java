package io.privastream.core.incentive;

/**
 * An identity's account at the ledger.
 *
 * @param pin          the identity (its key pin)
 * @param balanceBytes credit it holds: its allowance, plus what it earned serving, minus what it
 *                     paid receiving from peers
 * @param earnedBytes  credit earned serving others
 * @param spentBytes   credit paid to others for what they served it
 */
public record Standing(String pin, long balanceBytes, long earnedBytes, long spentBytes) {

    /** The balance in tokens (10^6 bytes of credited upload). */
    public double tokens() {
        return balanceBytes / 1e6;
    }
}
