package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;

/**
 * An agent joins a content's swarm.
 *
 * @param peer     the agent's id in this swarm
 * @param endpoint how other agents reach this one; opaque to the tracker, which stores and hands
 *                 it out unread (a URL such as {@code http://10.0.0.5:8801} today, a sealed
 *                 handle once addresses are hidden); 1-1024 characters
 * @param live     whether the content is live; the first join of a swarm decides its mode
 */
public record JoinRequest(PeerId peer, String endpoint, boolean live) {
    /** Longest accepted endpoint, in characters. */
    public static final int MAX_ENDPOINT_LENGTH = 1024;

    public JoinRequest {
        if (peer == null) {
            throw new IllegalArgumentException("join needs a peer id");
        }
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("endpoint must be 1-" + MAX_ENDPOINT_LENGTH + " characters");
        }
    }
}
