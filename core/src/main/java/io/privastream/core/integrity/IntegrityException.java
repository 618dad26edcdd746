package io.privastream.core.integrity;

/** A digest that cannot be read, or that does not verify; the message says which and why. */
public final class IntegrityException extends RuntimeException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
