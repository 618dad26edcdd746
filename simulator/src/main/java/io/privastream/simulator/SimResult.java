package io.privastream.simulator;

import java.util.List;

/**
 * What a simulation measured.
 *
 * @param summary   the headline figures (also {@code summary.json})
 * @param intervals one row per output interval
 * @param viewers   one row per viewer
 * @param gateways  traffic over each office gateway; empty without offices
 */
public record SimResult(Summary summary, List<Interval> intervals, List<ViewerRow> viewers, List<Gateway> gateways) {

    public SimResult {
        intervals = List.copyOf(intervals);
        viewers = List.copyOf(viewers);
        gateways = List.copyOf(gateways);
    }

    /**
     * Headline figures of one run.
     *
     * @param scenario             scenario name
     * @param seed                 its seed
     * @param viewers              viewers that joined
     * @param offload              share of useful media bytes (video, and audio when the stream has it) that came from peers
     * @param serverBytes          bytes the servers sent (useful or not)
     * @param peerBytes            bytes peers sent (useful or not)
     * @param fluidMinServerBytes  the fewest bytes the servers could have sent for the same
     *                             demand and upload capacity (fluid model, see docs/simulator.md)
     * @param fluidRateBoundKbps   the fluid model's largest rate every viewer could sustain with
     *                             all viewers present, capped at the top rendition
     * @param meanBitrateKbps      mean over viewers of the bitrate they played
     * @param bitrateKbpsP5        5th percentile of viewers' mean played bitrate
     * @param bitrateKbpsP50       median of the same
     * @param bitrateKbpsP95       95th percentile of the same
     * @param rebufferingRatio     stalled time over stalled plus played time, all viewers
     * @param rebuffersPerMinute   stalls per minute of session, all viewers
     * @param switchesPerMinute    quality switches per minute, mean over viewers
     * @param startupDelayMsP50    median startup delay of viewers who started
     * @param startupDelayMsP95    95th percentile of the same
     * @param liveLatencyMs        mean live latency at the end of each viewer's session
     * @param notStarted           viewers who never started playing
     * @param skippedSegments      segments players skipped because their download failed
     * @param fetches              downloads the agents ran (for players and ahead of them)
     * @param lateFetches          of those, completed after the deadline they were given
     * @param failedFetches        of those, failed (no source delivered)
     * @param serverBusyAnswers    server requests answered busy (servers with {@code maxTransfers})
     * @param wallSeconds          real time the run took
     * @param events               events run
     * @param eventsPerSecond      events over wall seconds
     * @param peakHeapMB           the largest heap in use seen at progress points
     * @param steadyBitrateKbps    mean bitrate of the viewers playing, over the intervals from
     *                             the scenario's {@code steadyFromSeconds} on
     * @param steadyOffload        share of the useful media bytes the agents received over those
     *                             intervals (counted when each download ended) that came from
     *                             peers: the emulated experiment's {@code offload}, counted the same way
     * @param steadySentOffload    share of all bytes sent over those intervals that peers sent,
     *                             useful or not (cancelled and duplicate transfers too); this was
     *                             {@code steadyOffload} until 2026-12-06
     */
    public record Summary(String scenario, long seed, int viewers, double offload, long serverBytes, long peerBytes,
            long fluidMinServerBytes, double fluidRateBoundKbps, double meanBitrateKbps, double bitrateKbpsP5, double bitrateKbpsP50,
            double bitrateKbpsP95, double rebufferingRatio, double rebuffersPerMinute, double switchesPerMinute, long startupDelayMsP50,
            long startupDelayMsP95, double liveLatencyMs, int notStarted, long skippedSegments, long fetches, long lateFetches,
            long failedFetches, long serverBusyAnswers, double wallSeconds, long events,
            double eventsPerSecond, long peakHeapMB, double steadyBitrateKbps, double steadyOffload, double steadySentOffload) {
    }

    /**
     * One output interval.
     *
     * @param endSeconds             its end, seconds from the start of the stream
     * @param viewers                viewers present at its end
     * @param playing                of those, playing (not stalled, not waiting to start)
     * @param meanBitrateKbps        mean bitrate of what the playing viewers were playing
     * @param serverMbps             what servers sent over the interval, Mbit/s
     * @param peerMbps               what peers sent, Mbit/s
     * @param uploadCapacityMbps     total uplink of viewers present who upload
     * @param fluidMinServerMbps     the fewest server Mbit/s the fluid model allows for what
     *                               viewers received in the interval
     */
    public record Interval(double endSeconds, int viewers, int playing, double meanBitrateKbps, double serverMbps, double peerMbps,
            double uploadCapacityMbps, double fluidMinServerMbps) {
    }

    /**
     * One viewer's QoE and traffic; {@code steadyBitrateKbps} is the mean bitrate it played from
     * the scenario's {@code steadyFromSeconds} on (everything it played when that is 0), as the
     * emulated experiment's per-viewer "after 180 s" figures.
     */
    public record ViewerRow(String id, double joinSeconds, boolean uploads, double uploadMbps, boolean started, long startupDelayMs,
            double bitrateKbps, double rebufferRatio, int rebuffers, double switchesPerMinute, long liveLatencyMs, long peerBytes,
            long serverBytes, long uploadedBytes, double steadyBitrateKbps) {
    }

    /**
     * Traffic over one office gateway, in streams: bytes over the run divided by what one viewer
     * watching the rendition for the whole session would take.
     *
     * @param office         its name
     * @param viewers        viewers in it
     * @param inStreams      incoming, per rendition (ascending)
     * @param outStreams     outgoing, per rendition
     * @param inMbps         mean incoming Mbit/s over the session
     * @param outMbps        mean outgoing Mbit/s
     */
    public record Gateway(String office, int viewers, List<Double> inStreams, List<Double> outStreams, double inMbps, double outMbps) {
        public Gateway {
            inStreams = List.copyOf(inStreams);
            outStreams = List.copyOf(outStreams);
        }
    }
}
