package io.privastream.cli;

import io.privastream.core.playback.QoeReport;
import io.privastream.player.PlayerReport;

/**
 * What {@code privastream play --json} prints: the session's QoE in milliseconds and kbit/s.
 * Field meanings are those of {@link QoeReport} (see docs/player-and-metrics.md).
 */
record PlayJson(String manifest, String kind, boolean live, String end, String failure, boolean started, long startupDelayMs,
        int rebufferCount, long rebufferMs, double rebuffersPerMinute, double rebufferRatio, double avgBitrateKbps, int switches,
        double switchesPerMinute, long playedMs, long sessionMs, long bytesFromPeers, long bytesFromServers, long liveLatencyMs,
        long requests, long failedRequests) {

    static PlayJson of(PlayerReport r) {
        QoeReport q = r.qoe();
        return new PlayJson(r.manifest().toString(), r.kind().map(Object::toString).orElse(""), r.live(), r.end().name(),
                r.failure().orElse(""), q.started(), q.startupDelayMillis(), q.rebufferCount(), q.rebufferMillis(),
                q.rebuffersPerMinute(), q.rebufferRatio(), q.averageBitrateKbps(), q.qualitySwitches(), q.switchesPerMinute(),
                q.playedMillis(), q.sessionMillis(), q.peerBytes(), q.serverBytes(), q.liveLatencyMillis(), r.requests(), r.failedRequests());
    }
}
