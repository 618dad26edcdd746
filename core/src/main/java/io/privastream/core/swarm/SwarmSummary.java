package io.privastream.core.swarm;

/**
 * Counts describing one swarm, as the store holds it at the moment of asking (peers or
 * holdings past their time but not yet swept by {@link SwarmBook#expire()} are included).
 *
 * @param peers    listed peers, {@code >= 0}
 * @param objects  distinct objects held by at least one listed peer, {@code >= 0}
 * @param holdings (peer, object) pairs, {@code >= 0}
 * @param mode     live or on demand
 */
public record SwarmSummary(int peers, int objects, long holdings, SwarmMode mode) {

    /** @throws IllegalArgumentException on a negative count or a missing mode */
    public SwarmSummary {
        if (peers < 0 || objects < 0 || holdings < 0 || mode == null) {
            throw new IllegalArgumentException("invalid swarm summary: " + peers + " peers, " + objects
                    + " objects, " + holdings + " holdings, mode " + mode);
        }
    }
}
