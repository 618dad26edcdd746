package io.privastream.core.swarm;

/**
 * The request would exceed one of the {@link SwarmPolicy} abuse bounds (HTTP: 429 for
 * {@link Limit#SWARMS} and {@link Limit#PEERS_PER_SWARM}, 413 for {@link Limit#HOLDINGS_PER_PEER}).
 */
public final class SwarmLimitException extends SwarmException {
    private static final long serialVersionUID = 1L;

    /** Which bound was hit. */
    public enum Limit {
        /** {@link SwarmPolicy#maxSwarms()}: the tracker is full; retry later. */
        SWARMS,
        /** {@link SwarmPolicy#maxPeersPerSwarm()}: the swarm is full; retry later. */
        PEERS_PER_SWARM,
        /** {@link SwarmPolicy#maxHoldingsPerPeer()}: the peer must announce fewer objects. */
        HOLDINGS_PER_PEER
    }

    private final Limit limit;

    public SwarmLimitException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** Which bound was hit. */
    public Limit limit() {
        return limit;
    }
}
