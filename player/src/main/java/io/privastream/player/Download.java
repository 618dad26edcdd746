package io.privastream.player;

/**
 * A finished download.
 *
 * @param bytes         body bytes received
 * @param peerBytes     of those, delivered by peers according to the agent ({@code X-PrivaStream-Peer-Bytes}); 0 from a plain origin
 * @param serverBytes   of those, delivered by servers; all of them from a plain origin
 * @param sentNanos     when the request was sent (ticker)
 * @param firstByteNanos when the response headers arrived (ticker)
 * @param doneNanos     when the last byte arrived (ticker)
 */
record Download(long bytes, long peerBytes, long serverBytes, long sentNanos, long firstByteNanos, long doneNanos) {

    long durationNanos() {
        return doneNanos - sentNanos;
    }

    long latencyNanos() {
        return firstByteNanos - sentNanos;
    }
}
