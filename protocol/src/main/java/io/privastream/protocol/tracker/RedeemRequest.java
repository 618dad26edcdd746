package io.privastream.protocol.tracker;

import java.util.List;

/**
 * Receipts redeemed at the ledger ({@code POST /v1/ledger/redeem}); each credits the server it
 * names, whoever presents it.
 *
 * @param receipts 1-{@value #MAX_RECEIPTS} receipts
 */
public record RedeemRequest(List<ReceiptWire> receipts) {
    /** Most receipts per request. */
    public static final int MAX_RECEIPTS = 1000;

    public RedeemRequest {
        if (receipts == null || receipts.isEmpty() || receipts.size() > MAX_RECEIPTS) {
            throw new IllegalArgumentException("redeem 1-" + MAX_RECEIPTS + " receipts, got " + (receipts == null ? 0 : receipts.size()));
        }
        receipts = List.copyOf(receipts);
    }
}
