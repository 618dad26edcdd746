package io.privastream.core.download;

import java.time.Duration;

/**
 * Timing knobs shared by the download strategies.
 *
 * @param stallTimeout           a transfer that delivers nothing for this long is abandoned
 *                               (default 800 ms)
 * @param minObservation         how long a transfer runs before its rate is trusted for
 *                               projections (default 150 ms)
 * @param safetyMargin           finish this long before the deadline, to absorb jitter
 *                               (default 200 ms)
 * @param serverLatency          time to first byte assumed for a server not yet measured
 *                               (default 50 ms)
 * @param defaultServerBytesPerSecond throughput assumed for a server not yet measured
 *                               (default 1,250,000 B/s = 10 Mbit/s)
 * @param maxServerAttempts      server transfers that may fail for one object before it fails
 *                               (single-source counts every server transfer it starts)
 *                               (default 4)
 * @param defaultPeerBytesPerSecond throughput assumed for a peer not yet measured
 *                               (default 250,000 B/s = 2 Mbit/s, a typical residential uplink)
 * @param minChunkBytes          smallest range worth giving to another source (default 32 KiB)
 * @param serverStallTimeout     a server transfer that delivers nothing for this long is
 *                               abandoned for the next server (default 4 s): servers are the
 *                               floor, so they get more patience than peers
 * @param targetShare            {@code multi-source}: servers join a download when the peers are
 *                               expected to miss {@code now + targetShare × (deadline − now)}, in
 *                               (0, 1] (default 1: aim at the deadline). Below 1 the object arrives early, so the
 *                               player's throughput estimate, which drives its ABR, sees the
 *                               sources' aggregate rate rather than a delivery stretched to the
 *                               deadline; lower values trade offload for bitrate.
 * @param rescueHeadroom         {@code multi-source}: 0 (the default) moves a slow source's tail to
 *                               a server as soon as the source is projected to miss the deadline;
 *                               a value of at least 1 waits until the time left (less the safety
 *                               margin) is down to {@code rescueHeadroom} times what a server is
 *                               expected to need for the tail. Waiting lets a peer that relays an
 *                               object it is still fetching (slow at first, then catching up)
 *                               bring bytes the server would otherwise send: more offload, but
 *                               downloads end later and the player's ABR sees less throughput
 *                               (emulated paper run, headroom 2 against 0: offload 48.3 against
 *                               45.4 %, bitrate 1,250 against 1,353 kbit/s).
 */
public record DownloadTuning(
        Duration stallTimeout,
        Duration minObservation,
        Duration safetyMargin,
        Duration serverLatency,
        double defaultServerBytesPerSecond,
        int maxServerAttempts,
        double defaultPeerBytesPerSecond,
        long minChunkBytes,
        Duration serverStallTimeout,
        double targetShare,
        double rescueHeadroom) {

    /**
     * How long a background answer may be silent before its transfer counts as stalled (15 s): a
     * source holds it while its other answers have the uplink, and its held answers share a
     * keep-alive of 2 % of the uplink ({@code ScavengerUplink}), so several of them at a busy
     * 2 Mbit/s peer may each wait a dozen seconds for a chunk.
     */
    public static final Duration BACKGROUND_STALL_TIMEOUT = Duration.ofSeconds(15);

    public DownloadTuning {
        for (Duration d : new Duration[] {stallTimeout, minObservation, safetyMargin, serverLatency, serverStallTimeout}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("download timings must be >= 0, got " + d);
            }
        }
        if (!(defaultServerBytesPerSecond > 0)) {
            throw new IllegalArgumentException("defaultServerBytesPerSecond must be > 0, got " + defaultServerBytesPerSecond);
        }
        if (!(defaultPeerBytesPerSecond > 0) || minChunkBytes < 1) {
            throw new IllegalArgumentException("defaultPeerBytesPerSecond must be > 0 and minChunkBytes >= 1, got "
                    + defaultPeerBytesPerSecond + ", " + minChunkBytes);
        }
        if (!(targetShare > 0 && targetShare <= 1)) {
            throw new IllegalArgumentException("targetShare must be in (0, 1], got " + targetShare);
        }
        if (!(rescueHeadroom == 0 || rescueHeadroom >= 1) || Double.isInfinite(rescueHeadroom)) {
            throw new IllegalArgumentException("rescueHeadroom must be 0 or a finite number >= 1, got " + rescueHeadroom);
        }
        if (maxServerAttempts < 1) {
            throw new IllegalArgumentException("maxServerAttempts must be >= 1, got " + maxServerAttempts);
        }
    }

    /** These knobs with another {@code targetShare}. */
    public DownloadTuning withTargetShare(double share) {
        return new DownloadTuning(stallTimeout, minObservation, safetyMargin, serverLatency, defaultServerBytesPerSecond,
                maxServerAttempts, defaultPeerBytesPerSecond, minChunkBytes, serverStallTimeout, share, rescueHeadroom);
    }

    /** These knobs with another {@code rescueHeadroom}. */
    public DownloadTuning withRescueHeadroom(double headroom) {
        return new DownloadTuning(stallTimeout, minObservation, safetyMargin, serverLatency, defaultServerBytesPerSecond,
                maxServerAttempts, defaultPeerBytesPerSecond, minChunkBytes, serverStallTimeout, targetShare, headroom);
    }

    /**
     * These knobs for background downloads (decoys served from what sources leave idle, see
     * {@code core.rate.ScavengerUplink}): a source that serves in the background may hold an
     * answer up to {@link #BACKGROUND_STALL_TIMEOUT} before it counts as stalled.
     *
     * @param peersToo whether peers serve in the background too (relayed access), or only
     *                 servers (their peers' stall timeout stays as it is)
     */
    public DownloadTuning forBackground(boolean peersToo) {
        Duration stall = BACKGROUND_STALL_TIMEOUT;
        Duration peerStall = peersToo && stall.compareTo(stallTimeout) > 0 ? stall : stallTimeout;
        return new DownloadTuning(peerStall, minObservation, safetyMargin, serverLatency,
                defaultServerBytesPerSecond, maxServerAttempts, defaultPeerBytesPerSecond, minChunkBytes,
                stall.compareTo(serverStallTimeout) > 0 ? stall : serverStallTimeout, targetShare, rescueHeadroom);
    }

    /** The defaults listed on the record. */
    public static DownloadTuning defaults() {
        return new DownloadTuning(Duration.ofMillis(800), Duration.ofMillis(150), Duration.ofMillis(200),
                Duration.ofMillis(50), 1_250_000, 4, 250_000, 32 * 1024, Duration.ofSeconds(4), 1.0, 0.0);
    }
}
