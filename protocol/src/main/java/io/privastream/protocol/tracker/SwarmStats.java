package io.privastream.protocol.tracker;

/**
 * Counts describing one swarm.
 *
 * @param peers    agents currently listed
 * @param objects  distinct objects held by at least one listed agent
 * @param holdings (agent, object) pairs
 * @param live     whether the swarm is live
 */
public record SwarmStats(int peers, int objects, long holdings, boolean live) {
}
