package io.privastream.origin;

/** A request the origin refuses, with the status to answer. */
final class OriginException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    OriginException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
