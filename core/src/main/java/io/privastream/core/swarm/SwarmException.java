package io.privastream.core.swarm;

/**
 * A request the {@link SwarmBook} refused; the subtypes say why, so a server can map each to
 * a status. A refused request changes nothing.
 */
public abstract sealed class SwarmException extends RuntimeException
        permits NotInSwarmException, SwarmLimitException, InvalidSwarmRequestException {
    private static final long serialVersionUID = 1L;

    SwarmException(String message) {
        super(message);
    }
}
