package io.privastream.core.download;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The state machine of one object's download, made by a {@link DownloadStrategy}.
 *
 * <p>The I/O layer calls {@link #start(long)} once, then reports each event; every call returns
 * the actions to carry out next, in order. Times are {@link io.privastream.core.time.Ticker}
 * readings in nanoseconds. Data reported for a cancelled or unknown transfer is ignored. After a
 * {@link DownloadAction.Complete} or {@link DownloadAction.Fail} the download is {@link #isDone()
 * done} and every further call returns no action.
 *
 * <p>Not thread-safe: the I/O layer serializes calls (one lock per download).
 */
public interface SegmentDownload {

    /** Plans the first transfers. */
    List<DownloadAction> start(long nowNanos);

    /** Transfer {@code transferId} learned the object's total size (Content-Range / Content-Length). */
    List<DownloadAction> onSize(int transferId, long totalBytes, long nowNanos);

    /** Bytes {@code [offset, offset + length)} of the object arrived on {@code transferId}. */
    List<DownloadAction> onData(int transferId, long offset, long length, long nowNanos);

    /** Transfer {@code transferId} ended normally (its body is finished). */
    List<DownloadAction> onEnd(int transferId, long nowNanos);

    /** Transfer {@code transferId} failed. */
    List<DownloadAction> onFailure(int transferId, FailureKind kind, long nowNanos);

    /**
     * The outcome of a {@link DownloadAction.Verify} of chunk {@code chunk}: {@code ok} when its
     * bytes match the digest. A failed chunk is dropped and fetched again elsewhere; every peer
     * that contributed bytes to it is rejected.
     */
    List<DownloadAction> onVerified(int chunk, boolean ok, long nowNanos);

    /**
     * The answer to a {@link DownloadAction.FindPeers}: holders found now, best first. Peers the
     * download already knows are ignored; the others become candidates like the first ones.
     */
    List<DownloadAction> onPeers(List<Source> peers, long nowNanos);

    /** Time passed; the strategy may abandon slow sources. Call every few tens of ms. */
    List<DownloadAction> onTick(long nowNanos);

    /** True once the download completed or failed. */
    boolean isDone();

    /** The object's size, once known. */
    OptionalLong sizeBytes();

    /**
     * How many bytes from offset 0 have arrived without a gap, and passed verification when the
     * download has a digest: what may be relayed onward and shown to the player already.
     */
    long contiguousBytes();

    /**
     * Where the bytes that have arrived without a gap from {@code offset} end (and passed
     * verification, with a digest); {@code offset} itself when that byte is not there yet. A
     * relay answers a range from its start as far as this reaches, not only from offset 0:
     * peers fetch different parts of one object from different parents.
     */
    long readyFrom(long offset);

    /** Every run of bytes that {@link #readyFrom} would report, in order: what a relay may serve now. */
    List<io.privastream.core.media.ByteRange> readyRanges();

    /** Bytes that arrived first (were not already there), per kind of source. */
    Map<SourceKind, Long> usefulBytes();

    /** The same per source: what each peer really gave (and what a receipt to it says). */
    Map<Source, Long> usefulBytesBySource();
}
