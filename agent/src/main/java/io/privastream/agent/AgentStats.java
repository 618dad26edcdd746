package io.privastream.agent;

/**
 * An agent's counters since it started, as served at {@code GET /_agent/stats}.
 *
 * @param bytesFromPeers      media bytes that arrived from peers
 * @param bytesFromServers    media bytes that arrived from public servers
 * @param bytesToPlayers      bytes of media objects answered to local players
 * @param bytesToPeers        bytes served to other agents
 * @param objectsFetched      objects downloaded (not from the cache)
 * @param cacheHits           player requests answered from the cache
 * @param failedRequests      player requests answered with an error
 * @param peerRequestsServed  requests from other agents answered with bytes
 * @param peerRequestsMissed  requests from other agents for objects not held
 * @param cachedObjects       objects held now
 * @param cachedBytes         bytes held now
 * @param rejectedChunks      chunks that failed the publisher's digest and were fetched again
 * @param unverifiedObjects   objects fetched without a digest to check them by (from servers
 *                            only, unless {@code unverifiedPeers})
 * @param decoyLookups        fake lookups made in cover contents (see {@link Privacy#decoysPerQuery()})
 * @param decoyBytes          bytes downloaded for decoys (from peers and servers; not in
 *                            {@code bytesFromPeers}/{@code bytesFromServers}, which count what
 *                            players asked for)
 * @param decoyServerBytes    of {@code decoyBytes}, those that came from servers
 * @param decoysDropped       decoys planned but not made: their cover already had as many
 *                            downloading and waiting as allowed, or they waited too long
 */
public record AgentStats(
        long bytesFromPeers,
        long bytesFromServers,
        long bytesToPlayers,
        long bytesToPeers,
        long objectsFetched,
        long cacheHits,
        long failedRequests,
        long peerRequestsServed,
        long peerRequestsMissed,
        int cachedObjects,
        long cachedBytes,
        long rejectedChunks,
        long unverifiedObjects,
        long decoyLookups,
        long decoyBytes,
        long decoyServerBytes,
        long decoysDropped) {

    /** Share of fetched media bytes that came from peers, 0 when nothing was fetched. */
    public double offload() {
        long all = bytesFromPeers + bytesFromServers;
        return all == 0 ? 0 : (double) bytesFromPeers / all;
    }
}
