package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;

/**
 * The peer is not listed in the swarm: it never joined, it left, or it expired after going
 * silent. The agent's answer is to join again (HTTP: 404).
 */
public final class NotInSwarmException extends SwarmException {
    private static final long serialVersionUID = 1L;

    private final PeerId peer;

    public NotInSwarmException(ContentId content, PeerId peer) {
        super("peer " + peer + " is not in the swarm of " + content + "; join again");
        this.peer = peer;
    }

    /** The peer that was not found. */
    public PeerId peer() {
        return peer;
    }
}
