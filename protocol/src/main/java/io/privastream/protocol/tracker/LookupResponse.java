package io.privastream.protocol.tracker;

import java.util.List;

/**
 * The answer to a {@link LookupRequest}.
 *
 * @param holders holders, freshest first; pending ones are still fetching the object
 * @param claimed true when the asker is now the object's pending holder
 */
public record LookupResponse(List<Holder> holders, boolean claimed) {
    public LookupResponse {
        holders = List.copyOf(holders == null ? List.of() : holders);
    }
}
