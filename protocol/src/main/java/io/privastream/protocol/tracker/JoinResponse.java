package io.privastream.protocol.tracker;

/**
 * The tracker's answer to a join: the timing the agent must keep to stay listed.
 *
 * @param heartbeatIntervalMs how often the agent should announce or heartbeat, in milliseconds
 * @param peerTimeoutMs       after this long without hearing from a peer the tracker drops it (ms)
 * @param liveWindowMs        for a live swarm, holdings older than this are dropped (ms); 0 for VoD
 */
public record JoinResponse(long heartbeatIntervalMs, long peerTimeoutMs, long liveWindowMs) {
    public JoinResponse {
        if (heartbeatIntervalMs < 1 || peerTimeoutMs < heartbeatIntervalMs || liveWindowMs < 0) {
            throw new IllegalArgumentException("inconsistent join response: heartbeat " + heartbeatIntervalMs
                    + " ms, timeout " + peerTimeoutMs + " ms, window " + liveWindowMs + " ms");
        }
    }
}
