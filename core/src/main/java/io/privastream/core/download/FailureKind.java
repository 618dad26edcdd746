package io.privastream.core.download;

/** Why a transfer ended without delivering what was asked; decides how the source is penalized. */
public enum FailureKind {
    /** Could not connect, or the connection broke. */
    CONNECTION,
    /** The source answered an error or unexpected status (e.g. 404: it does not hold the object). */
    STATUS,
    /** No answer or no progress within the time allowed. */
    TIMEOUT,
    /** The body ended before the asked range was complete. */
    SHORT_BODY,
    /** The bytes failed verification or did not match the object's known size. */
    CORRUPT
}
