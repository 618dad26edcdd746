package io.privastream.player;

/** A request failed on every attempt; the message says which URL and why (one line). */
final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    FetchException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The last HTTP status, 0 when no response came. */
    int status() {
        return status;
    }
}
