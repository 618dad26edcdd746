package io.privastream.experiments.paper;

import io.privastream.core.download.DownloadTuning;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.player.PlayerConfig;
import java.time.Duration;

/**
 * The agents', tracker's and players' timers for a run at time scale {@code factor}: every
 * default timer multiplied by it, so that a 0.2 s segment meets the same patience, relative to
 * its duration, as a 2 s segment at scale 1. Each is kept above a floor below which loopback
 * scheduling jitter on a busy machine, not the emulated network, would decide.
 *
 * @param factor the time scale, in (0, 1]
 */
record ScaledTimings(double factor) {
    DownloadTuning tuning() {
        DownloadTuning d = DownloadTuning.defaults();
        return new DownloadTuning(scale(d.stallTimeout(), 40), scale(d.minObservation(), 10), scale(d.safetyMargin(), 20),
                scale(d.serverLatency(), 1), d.defaultServerBytesPerSecond(), d.maxServerAttempts(), d.defaultPeerBytesPerSecond(),
                d.minChunkBytes(), scale(d.serverStallTimeout(), 400), d.targetShare(), d.rescueHeadroom());
    }

    Duration announceInterval() {
        return scale(Duration.ofMillis(100), 10);
    }

    Duration lookupTimeout() {
        return scale(Duration.ofMillis(500), 100);
    }

    Duration requestTimeout() {
        return scale(Duration.ofSeconds(4), 1000);
    }

    Duration liveWindow() {
        return scale(Duration.ofSeconds(30), 1000);
    }

    SwarmPolicy trackerPolicy() {
        SwarmPolicy d = SwarmPolicy.defaults();
        return d.toBuilder().heartbeatInterval(scale(d.heartbeatInterval(), 200)).peerTimeout(scale(d.peerTimeout(), 600))
                .liveWindow(scale(d.liveWindow(), 1000)).claimTtl(scale(d.claimTtl(), 200)).build();
    }

    PlayerConfig player(PlayerConfig base) {
        return base.withRequests(scale(base.requestTimeout(), 1000), base.maxRetries(), scale(base.retryDelay(), 10));
    }

    private Duration scale(Duration d, long floorMillis) {
        long nanos = Math.round(d.toNanos() * factor);
        return Duration.ofNanos(Math.max(nanos, Duration.ofMillis(floorMillis).toNanos()));
    }
}
