package io.privastream.manifest;

/**
 * A manifest could not be read: it is not well-formed, misses a required element or
 * attribute, or holds a value out of range.
 *
 * <p>The message is one line saying what was wrong and where (element and line for an MPD,
 * line number for an HLS playlist), quoting the bad input through
 * {@link io.privastream.core.media.Text#quote(String)}.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public ManifestException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
