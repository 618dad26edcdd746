package io.privastream.agent;

/**
 * A request the agent cannot satisfy, with the HTTP status to answer the player.
 *
 * <p>{@code status} is 4xx when the player asked for something that does not exist or is
 * malformed, 502/504 when upstream servers failed.
 */
final class AgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    AgentException(int status, String message) {
        super(message);
        this.status = status;
    }

    AgentException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
