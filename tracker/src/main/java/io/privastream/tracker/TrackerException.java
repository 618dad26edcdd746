package io.privastream.tracker;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker call that failed: no answer in time, a broken connection, or an error status.
 * {@link #status()} and {@link #serverError()} say what the tracker answered, if it did.
 */
public class TrackerException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverError;

    /** A call that got no usable answer (timeout, connection failure, malformed answer). */
    public TrackerException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.serverError = "";
    }

    /**
     * A call the tracker answered with an error status.
     *
     * @param status      the HTTP status, 100-599
     * @param serverError the tracker's one-line reason (its {@code ErrorResponse}), may be empty
     */
    public TrackerException(String message, int status, String serverError) {
        super(message);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100-599, got " + status);
        }
        this.status = status;
        this.serverError = serverError == null ? "" : serverError;
    }

    /** The tracker's HTTP status, or empty when it gave no answer. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The tracker's own reason, or empty when it gave none. */
    public Optional<String> serverError() {
        return serverError.isEmpty() ? Optional.empty() : Optional.of(serverError);
    }
}
