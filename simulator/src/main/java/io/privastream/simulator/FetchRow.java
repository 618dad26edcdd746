package io.privastream.simulator;

/**
 * One download of one agent, for {@code fetches.csv} ({@code privastream simulate --fetches}):
 * what was fetched, when, against which deadline, and what each transfer did. It is what to read
 * when a summary says downloads are late and the question is why.
 *
 * @param viewer       the viewer's index
 * @param object       the object's path ({@code r<rendition>/seg-<n>.m4s})
 * @param startSeconds when the download began, seconds from the start of the stream
 * @param tookSeconds  how long it ran
 * @param leadSeconds  the time to its deadline it was given
 * @param sizeBytes    the object's size
 * @param peerBytes    useful bytes from peers
 * @param serverBytes  useful bytes from servers
 * @param ok           false when it failed (no source delivered)
 * @param transfers    each transfer in order, {@code P} (peer) or {@code S} (server), its start
 *                     offset in seconds, {@code :} its range in kB, {@code r} when the peer was
 *                     relaying (still fetching it), and how it ended when not by delivering:
 *                     {@code ~cancelled}, {@code !BUSY}, {@code !TIMEOUT} ... with the offset
 */
public record FetchRow(int viewer, String object, double startSeconds, double tookSeconds, double leadSeconds, long sizeBytes, long peerBytes,
        long serverBytes, boolean ok, String transfers) {

    /** The CSV header line. */
    public static final String HEADER = "viewer,object,start_s,took_s,lead_s,size_bytes,peer_bytes,server_bytes,ok,transfers";

    /** This row as a CSV line (no field needs quoting). */
    public String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%s,%.3f,%.3f,%.3f,%d,%d,%d,%b,%s", viewer, object, startSeconds, tookSeconds, leadSeconds,
                sizeBytes, peerBytes, serverBytes, ok, transfers);
    }
}
