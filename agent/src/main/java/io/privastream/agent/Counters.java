package io.privastream.agent;

import java.util.concurrent.atomic.LongAdder;

/** The agent's live counters (thread-safe), snapshotted into {@link AgentStats}. */
final class Counters {
    final LongAdder bytesFromPeers = new LongAdder();
    final LongAdder bytesFromServers = new LongAdder();
    final LongAdder bytesToPlayers = new LongAdder();
    final LongAdder bytesToPeers = new LongAdder();
    final LongAdder objectsFetched = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder failedRequests = new LongAdder();
    final LongAdder peerRequestsServed = new LongAdder();
    final LongAdder peerRequestsMissed = new LongAdder();
    final LongAdder rejectedChunks = new LongAdder();
    final LongAdder unverifiedObjects = new LongAdder();
    final LongAdder decoyLookups = new LongAdder();
    final LongAdder decoyBytes = new LongAdder();
    final LongAdder decoyServerBytes = new LongAdder();
    final LongAdder decoysDropped = new LongAdder();

    AgentStats snapshot(ObjectCache cache) {
        return new AgentStats(bytesFromPeers.sum(), bytesFromServers.sum(), bytesToPlayers.sum(), bytesToPeers.sum(),
                objectsFetched.sum(), cacheHits.sum(), failedRequests.sum(), peerRequestsServed.sum(), peerRequestsMissed.sum(),
                cache.size(), cache.bytes(), rejectedChunks.sum(), unverifiedObjects.sum(), decoyLookups.sum(), decoyBytes.sum(),
                decoyServerBytes.sum(), decoysDropped.sum());
    }
}
