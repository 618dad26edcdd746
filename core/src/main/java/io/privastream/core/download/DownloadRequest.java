package io.privastream.core.download;

import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.media.SegmentKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a strategy needs to plan one object's download.
 *
 * @param key           the object
 * @param sizeBytes     its size when known (peers announce sizes; servers tell on first answer)
 * @param deadlineNanos the {@link io.privastream.core.time.Ticker} reading by which the player needs
 *                      the whole object
 * @param peers         candidate peers holding it, best first (already filtered for health)
 * @param servers       public servers, in order of preference; at least one
 * @param sizeHint      the size this object probably has (the previous segment of the same track,
 *                      see {@link SizeHints}); used only to size a first request while the real
 *                      size is unknown, never trusted for completion
 * @param digest        the publisher's (already verified) chunk hashes of the object, when it has
 *                      them: then every chunk is checked before it counts as received
 *                      ({@link DownloadAction.Verify}), and the size is the digest's
 * @param playerWaiting the player has nothing buffered and waits for this object (see
 *                      {@link DeadlinePolicy#due}): an object too small to split then goes to
 *                      whichever source is expected to deliver it first
 */
public record DownloadRequest(SegmentKey key, OptionalLong sizeBytes, long deadlineNanos, List<Source> peers, List<Source> servers,
        OptionalLong sizeHint, Optional<SegmentDigest> digest, boolean playerWaiting) {

    /** A request the player is not known to be waiting for. */
    public DownloadRequest(SegmentKey key, OptionalLong sizeBytes, long deadlineNanos, List<Source> peers, List<Source> servers,
            OptionalLong sizeHint, Optional<SegmentDigest> digest) {
        this(key, sizeBytes, deadlineNanos, peers, servers, sizeHint, digest, false);
    }

    /** A request without a size hint. */
    public DownloadRequest(SegmentKey key, OptionalLong sizeBytes, long deadlineNanos, List<Source> peers, List<Source> servers) {
        this(key, sizeBytes, deadlineNanos, peers, servers, OptionalLong.empty());
    }

    /** A request without a digest. */
    public DownloadRequest(SegmentKey key, OptionalLong sizeBytes, long deadlineNanos, List<Source> peers, List<Source> servers,
            OptionalLong sizeHint) {
        this(key, sizeBytes, deadlineNanos, peers, servers, sizeHint, Optional.empty());
    }

    public DownloadRequest {
        peers = List.copyOf(peers);
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a download of " + key + " needs at least one server: servers are the floor");
        }
        if (peers.stream().anyMatch(s -> !s.isPeer()) || servers.stream().anyMatch(Source::isPeer)) {
            throw new IllegalArgumentException("peers and servers lists are mixed up for " + key);
        }
        if (sizeBytes.isPresent() && sizeBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("size of " + key + " must be >= 0, got " + sizeBytes.getAsLong());
        }
        digest = digest == null ? Optional.empty() : digest;
        if (digest.isPresent()) {
            // The publisher's word on the size beats what peers announced.
            sizeBytes = OptionalLong.of(digest.get().sizeBytes());
        }
        if (sizeHint.isPresent() && sizeHint.getAsLong() < 0) {
            throw new IllegalArgumentException("size hint of " + key + " must be >= 0, got " + sizeHint.getAsLong());
        }
    }
}
