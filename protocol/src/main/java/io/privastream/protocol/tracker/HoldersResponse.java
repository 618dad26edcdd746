package io.privastream.protocol.tracker;

import java.util.List;

/**
 * Peers holding an object, freshest (most recently heard from) first, never the asker.
 *
 * @param holders at most the requested limit of holders
 */
public record HoldersResponse(List<Holder> holders) {
    public HoldersResponse {
        holders = List.copyOf(holders == null ? List.of() : holders);
    }
}
