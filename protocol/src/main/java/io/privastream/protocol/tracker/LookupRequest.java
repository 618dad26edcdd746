package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;

/**
 * A lookup of an object's holders that may claim it: when nobody holds it, the (joined) asker is
 * listed as its pending holder, so the peers asking next fetch from it instead of all going to
 * the servers at once.
 *
 * @param peer    the asker (never returned as a holder)
 * @param segment the object's path
 * @param limit   most holders wanted, at least 1 (the tracker clamps it)
 * @param claim   whether to claim the object when it has no holder
 */
public record LookupRequest(PeerId peer, String segment, int limit, boolean claim) {
    public LookupRequest {
        if (peer == null) {
            throw new IllegalArgumentException("lookup needs the asker's peer id");
        }
        SegmentKey.checkPath(segment);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }
}
