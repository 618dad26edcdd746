package io.privastream.core.swarm;

import io.privastream.core.media.SegmentKey;

/**
 * One object a peer announces it holds completely.
 *
 * @param path      the object's path relative to the content base; always a safe path as
 *                  checked by {@link SegmentKey#checkPath(String)}
 * @param sizeBytes the object's size in bytes as the peer reports it; always {@code >= 0}
 */
public record HeldObject(String path, long sizeBytes) {

    /** @throws IllegalArgumentException quoting the bad path or size */
    public HeldObject {
        SegmentKey.checkPath(path);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size of '" + path + "' must be >= 0 bytes, got " + sizeBytes);
        }
    }
}
