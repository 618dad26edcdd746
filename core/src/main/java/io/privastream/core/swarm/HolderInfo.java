package io.privastream.core.swarm;

import io.privastream.core.media.PeerId;
import java.time.Duration;

/**
 * One answer to a holders lookup.
 *
 * @param peer      the holder
 * @param endpoint  how to reach it, as it gave it at join
 * @param sizeBytes the object's size as the holder announced it
 * @param silence   time since the book last heard from the holder; never negative
 * @param pending   true when the holder claimed the object and is still fetching it (size 0)
 */
public record HolderInfo(PeerId peer, String endpoint, long sizeBytes, Duration silence, boolean pending) {

    /** A holder of the complete object. */
    public HolderInfo(PeerId peer, String endpoint, long sizeBytes, Duration silence) {
        this(peer, endpoint, sizeBytes, silence, false);
    }


    /** @throws IllegalArgumentException if a field is missing or {@code silence} is negative */
    public HolderInfo {
        if (peer == null || endpoint == null || silence == null) {
            throw new IllegalArgumentException("holder info needs peer, endpoint and silence");
        }
        if (silence.isNegative()) {
            throw new IllegalArgumentException("silence of " + peer + " cannot be negative, got " + silence);
        }
    }
}
