package io.privastream.core.playback;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The quality of experience of one playback session, with the design brief's definitions.
 * Times are in milliseconds, bitrates in kbit/s (10^3 bit/s).
 *
 * <p>"Playing time" below is the session after startup: from the first frame to the end of
 * the session (VoD end, or when it was finished), i.e. played plus stalled time. Per-minute
 * rates and the rebuffering ratio use it, so a slow start does not dilute them.
 *
 * @param started            whether the first frame played
 * @param startupDelayMillis manifest request to first frame; if it never started, how long it waited
 * @param rebufferCount      stalls after startup
 * @param rebufferMillis     total time stalled after startup (a stall still going at the end counts to the end)
 * @param rebuffersPerMinute {@code rebufferCount} per minute of playing time
 * @param rebufferRatio      {@code rebufferMillis} / playing time, in [0, 1]
 * @param averageBitrateKbps time-weighted mean bandwidth of the played video representations,
 *                           weighted by the time each actually played
 * @param qualitySwitches    changes of representation bitrate between consecutive played segments
 * @param switchesPerMinute  {@code qualitySwitches} per minute of playing time
 * @param playedMillis       media time played
 * @param sessionMillis      manifest request to the end of the session
 * @param peerBytes          media bytes delivered by peers
 * @param serverBytes        media bytes delivered by servers
 * @param liveLatencyMillis  live: mean over played video segments of (time it started
 *                           playing - its availability time); -1 when not measured
 * @param maxLiveLatencyMillis live: the largest such latency; -1 when not measured
 * @param ended              a VoD presentation played to its end
 * @param timeline           per-interval samples, empty unless the config asked for them
 */
public record QoeReport(boolean started, long startupDelayMillis, int rebufferCount, long rebufferMillis,
                        double rebuffersPerMinute, double rebufferRatio, double averageBitrateKbps, int qualitySwitches,
                        double switchesPerMinute, long playedMillis, long sessionMillis, long peerBytes, long serverBytes,
                        long liveLatencyMillis, long maxLiveLatencyMillis, boolean ended, List<TimelineSample> timeline) {

    /** The CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "started,startup_ms,rebuffers,rebuffer_ms,rebuffers_per_min,rebuffer_ratio,"
            + "bitrate_kbps,switches,switches_per_min,played_ms,session_ms,peer_bytes,server_bytes,offload,"
            + "live_latency_ms,max_live_latency_ms,ended";

    /** @throws IllegalArgumentException if a count or time is negative */
    public QoeReport {
        if (startupDelayMillis < 0 || rebufferCount < 0 || rebufferMillis < 0 || playedMillis < 0 || sessionMillis < 0
                || peerBytes < 0 || serverBytes < 0 || qualitySwitches < 0) {
            throw new IllegalArgumentException("QoE counts and times must be >= 0");
        }
        timeline = List.copyOf(timeline);
    }

    /** Share of media bytes that came from peers, in [0, 1]; 0 when nothing was delivered. */
    public double offload() {
        long total = peerBytes + serverBytes;
        return total == 0 ? 0 : (double) peerBytes / total;
    }

    /** The mean live latency, when measured. */
    public Optional<Duration> liveLatency() {
        return liveLatencyMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(liveLatencyMillis));
    }

    /** The startup delay, when playback started. */
    public Optional<Duration> startupDelay() {
        return started ? Optional.of(Duration.ofMillis(startupDelayMillis)) : Optional.empty();
    }

    /** One CSV line: {@value #CSV_HEADER}. */
    public String toCsv() {
        return String.join(",", String.valueOf(started), String.valueOf(startupDelayMillis), String.valueOf(rebufferCount),
                String.valueOf(rebufferMillis), fmt(rebuffersPerMinute), fmt(rebufferRatio), fmt(averageBitrateKbps),
                String.valueOf(qualitySwitches), fmt(switchesPerMinute), String.valueOf(playedMillis), String.valueOf(sessionMillis),
                String.valueOf(peerBytes), String.valueOf(serverBytes), fmt(offload()), String.valueOf(liveLatencyMillis),
                String.valueOf(maxLiveLatencyMillis), String.valueOf(ended));
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }
}
