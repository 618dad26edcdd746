package io.privastream.core.swarm;

import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;

/**
 * What a {@link SwarmStore} keeps about one (peer, object) pair of one swarm.
 *
 * @param peer           the holder
 * @param path           the object's path, a safe path per {@link SegmentKey#checkPath(String)}
 * @param sizeBytes      the object's size as announced, {@code >= 0}
 * @param announcedNanos {@link io.privastream.core.time.Ticker} reading of the latest announce
 *                       that listed the object (or of the claim)
 * @param pending        true for a claim: the peer is fetching the object and serves it as the
 *                       bytes arrive; its size is then 0 (unknown)
 */
public record HoldingEntry(PeerId peer, String path, long sizeBytes, long announcedNanos, boolean pending) {

    /** A complete holding. */
    public HoldingEntry(PeerId peer, String path, long sizeBytes, long announcedNanos) {
        this(peer, path, sizeBytes, announcedNanos, false);
    }


    /** @throws IllegalArgumentException quoting the bad field */
    public HoldingEntry {
        if (peer == null) {
            throw new IllegalArgumentException("holding needs a peer id");
        }
        SegmentKey.checkPath(path);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size of '" + path + "' must be >= 0 bytes, got " + sizeBytes);
        }
    }
}
