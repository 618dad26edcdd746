package io.privastream.core.swarm;

/** A request whose values are invalid, e.g. an unsafe object path or a limit below 1 (HTTP: 400). */
public final class InvalidSwarmRequestException extends SwarmException {
    private static final long serialVersionUID = 1L;

    public InvalidSwarmRequestException(String message) {
        super(message);
    }
}
