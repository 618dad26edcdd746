package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;

/**
 * A request that only names the agent: heartbeat and leave.
 *
 * @param peer the agent
 */
public record PeerRequest(PeerId peer) {
    public PeerRequest {
        if (peer == null) {
            throw new IllegalArgumentException("request needs a peer id");
        }
    }
}
