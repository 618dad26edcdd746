package io.privastream.media;

/** ffmpeg could not be found, started, or did not produce what was asked. The message says what to do. */
public final class MediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
