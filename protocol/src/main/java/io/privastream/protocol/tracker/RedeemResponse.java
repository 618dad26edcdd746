package io.privastream.protocol.tracker;

import java.util.List;

/**
 * What the ledger made of a redemption: everything credited, and per receipt (same order) its
 * verdict ({@code credited}, {@code forged}, {@code replayed}, {@code stale}, {@code future},
 * {@code self}, {@code not-a-viewer}) and credit. Written to durable storage
 * before it is sent.
 */
public record RedeemResponse(long creditedBytes, List<Outcome> outcomes) {

    /** One receipt's verdict and credit. */
    public record Outcome(String verdict, long creditedBytes) {
    }

    public RedeemResponse {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
