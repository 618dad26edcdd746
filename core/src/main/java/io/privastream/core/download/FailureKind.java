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
    CORRUPT,
    /**
     * The source is serving as many transfers as it will (HTTP 503): nothing is wrong with it.
     * A busy server is asked again after a short backoff and does not count against the retry
     * budget; a busy peer is left for this download without hurting its health.
     */
    BUSY
}
