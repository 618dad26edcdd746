package io.privastream.core.playback;

import java.time.Duration;

/**
 * A media segment that finished downloading and joined its track's buffer.
 *
 * @param kind                  its track
 * @param bitrateBitsPerSecond  its representation's declared bandwidth; what the played-bitrate
 *                              metric averages, and a change of it between consecutive played
 *                              video segments is a quality switch
 * @param mediaDuration         its media duration, positive
 * @param bytes                 its size
 * @param peerBytes             bytes of it delivered by peers
 * @param serverBytes           bytes of it delivered by servers
 */
public record BufferedSegment(MediaKind kind, long bitrateBitsPerSecond, Duration mediaDuration, long bytes, long peerBytes,
                              long serverBytes) {

    /** @throws IllegalArgumentException quoting the bad value */
    public BufferedSegment {
        if (kind == null || mediaDuration == null || !mediaDuration.isPositive()) {
            throw new IllegalArgumentException("a buffered segment needs a kind and a positive duration, got " + kind + ", " + mediaDuration);
        }
        if (bitrateBitsPerSecond < 0 || bytes < 0 || peerBytes < 0 || serverBytes < 0) {
            throw new IllegalArgumentException("bitrate and byte counts must be >= 0, got " + bitrateBitsPerSecond + " bit/s, "
                    + bytes + " bytes, " + peerBytes + " from peers, " + serverBytes + " from servers");
        }
    }

    /** A segment of {@code bytes} all delivered by servers. */
    public static BufferedSegment fromServers(MediaKind kind, long bitrateBitsPerSecond, Duration mediaDuration, long bytes) {
        return new BufferedSegment(kind, bitrateBitsPerSecond, mediaDuration, bytes, 0, bytes);
    }
}
