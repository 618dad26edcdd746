package io.privastream.link;

/** A node identity could not be made, read or stored; the message says which file and why. */
public final class LinkException extends RuntimeException {
    /** With {@code message} and its {@code cause}. */
    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With {@code message}. */
    public LinkException(String message) {
        super(message);
    }
}
