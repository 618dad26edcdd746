package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;

/**
 * A peer that holds a requested object.
 *
 * @param peer      the holder's id
 * @param endpoint  how to reach it, exactly as it gave it at join (opaque to the tracker)
 * @param sizeBytes the object's size as the holder announced it
 * @param ageMs     milliseconds since the tracker last heard from the holder
 * @param pending   true when the holder is still fetching the object (it serves the bytes as
 *                  they arrive); {@code sizeBytes} is then 0
 */
public record Holder(PeerId peer, String endpoint, long sizeBytes, long ageMs, boolean pending) {

    /** A holder of the complete object. */
    public Holder(PeerId peer, String endpoint, long sizeBytes, long ageMs) {
        this(peer, endpoint, sizeBytes, ageMs, false);
    }
}
