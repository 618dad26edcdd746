package io.privastream.experiments.demo;

import java.util.List;

/**
 * What a demo measured, as written by {@code --report FILE}.
 *
 * @param viewers            one entry per viewer, in join order
 * @param offload            media bytes from peers / all media bytes delivered to players
 * @param medianStartupMs    median startup delay over the viewers that started
 * @param totalRebuffers     rebufferings after startup, all viewers
 * @param originBytesServed  bytes the origin sent (media, manifests, descriptors)
 * @param durationMs         how long the demo ran
 * @param contentId          the live content's id
 * @param ladder             the renditions, as {@code WxH@RATE,...}
 * @param strategy           the agents' download strategy
 */
public record DemoReport(List<ViewerResult> viewers, double offload, long medianStartupMs, int totalRebuffers, long originBytesServed,
        long durationMs, String contentId, String ladder, String strategy) {

    /**
     * One viewer's QoE, with the metric definitions of the design brief.
     *
     * @param id               viewer name
     * @param joinedAtMs       when it joined, after the first viewer
     * @param startupDelayMs   first manifest request to first frame playable; -1 if it never started
     * @param rebufferCount    stalls after startup
     * @param rebufferMs       total stalled time after startup
     * @param avgBitrateKbps   time-weighted mean bitrate of the played video
     * @param switches         quality switches in played order
     * @param bytesFromPeers   media bytes the agent got from peers, for this player
     * @param bytesFromServers media bytes the agent got from servers, for this player
     * @param end              how the session ended
     * @param failure          why, when it failed
     */
    public record ViewerResult(String id, long joinedAtMs, long startupDelayMs, int rebufferCount, long rebufferMs, double avgBitrateKbps,
            int switches, long bytesFromPeers, long bytesFromServers, String end, String failure) {

        /** Share of this viewer's media bytes that came from peers. */
        public double peerShare() {
            long all = bytesFromPeers + bytesFromServers;
            return all == 0 ? 0 : (double) bytesFromPeers / all;
        }
    }
}
