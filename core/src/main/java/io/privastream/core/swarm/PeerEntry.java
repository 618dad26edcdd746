package io.privastream.core.swarm;

import io.privastream.core.media.PeerId;
import java.util.Comparator;

/**
 * What a {@link SwarmStore} keeps about one peer of one swarm.
 *
 * @param peer          the peer's id in the swarm
 * @param endpoint      how other peers reach it, stored and handed out unread; never blank
 * @param lastSeenNanos {@link io.privastream.core.time.Ticker} reading of the last request heard
 *                      from the peer (join, announce or heartbeat)
 */
public record PeerEntry(PeerId peer, String endpoint, long lastSeenNanos) {
    /**
     * Most recently seen first, ties by ascending peer id: the order of holders lookups and of
     * {@link SwarmStore#peersFreshestFirst}. (lastSeen, peer) is unique per peer.
     */
    public static final Comparator<PeerEntry> FRESHEST_FIRST = PeerEntry::freshestFirst;

    /** @throws IllegalArgumentException if the peer or endpoint is missing */
    public PeerEntry {
        if (peer == null) {
            throw new IllegalArgumentException("peer entry needs a peer id");
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("peer entry of " + peer + " needs an endpoint");
        }
    }

    // Written out rather than composed from comparingLong(...).reversed().thenComparing(...): the
    // skip list of peers calls it about log2(n) times per announce, and the composed form goes
    // through a chain of lambdas per call (JFR put it among the simulator's hottest methods).
    private static int freshestFirst(PeerEntry a, PeerEntry b) {
        int c = Long.compare(b.lastSeenNanos, a.lastSeenNanos);
        return c != 0 ? c : a.peer.compareTo(b.peer);
    }

    /** This entry heard from again at {@code nanos}. */
    public PeerEntry seenAt(long nanos) {
        return new PeerEntry(peer, endpoint, nanos);
    }
}
