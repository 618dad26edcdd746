package io.privastream.protocol.tracker;

import io.privastream.core.media.SegmentKey;

/**
 * One object an agent holds completely and can serve.
 *
 * @param segment   the object's path relative to the content base (see {@link SegmentKey})
 * @param sizeBytes its size in bytes, at least 0
 */
public record Holding(String segment, long sizeBytes) {
    public Holding {
        SegmentKey.checkPath(segment);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size of " + segment + " must be >= 0, got " + sizeBytes);
        }
    }
}
