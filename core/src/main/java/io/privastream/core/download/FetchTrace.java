package io.privastream.core.download;

import io.privastream.core.media.ByteRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each transfer of one download did, in order: the {@code transfers} column of a
 * {@code fetches.csv}, written the same way by the simulator and by the networked agent, so that
 * a simulated and an emulated run can be read side by side.
 *
 * <p>One entry per event, separated by spaces, each ending in {@code @} and the seconds since the
 * download began (two decimals): a start is {@code P} (peer) or {@code S} (server), the transfer's
 * id, {@code :} its range in kB ({@code :open} when the end was unknown), and {@code r} when the
 * peer was relaying the object (still fetching it itself); {@code P3~} is transfer 3 cancelled,
 * {@code P3!TIMEOUT} transfer 3 failed and why. Example: {@code P1:200r@0.00 S2:32@0.10 P1~@0.60}.
 *
 * <p>Not thread-safe: the download's lock (or the simulator's single thread) guards it.
 */
public final class FetchTrace {
    private final long startedNanos;
    private final List<Entry> entries = new ArrayList<>();

    /** One event; a start may learn only later that its peer was relaying. */
    private static final class Entry {
        final int transferId;
        final String text;
        final long atNanos;
        final boolean start;
        boolean relaying;

        Entry(int transferId, String text, long atNanos, boolean start) {
            this.transferId = transferId;
            this.text = text;
            this.atNanos = atNanos;
            this.start = start;
        }
    }

    /** @param startedNanos when the download began (the {@code @} offsets count from here) */
    public FetchTrace(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** When the download began: the {@code @} offsets count from here. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Transfer {@code transferId} asked {@code source} for {@code range}; {@code toEnd}: its end was unknown. */
    public void started(int transferId, Source source, ByteRange range, boolean toEnd, boolean relaying, long nowNanos) {
        Entry e = new Entry(transferId, letter(source) + transferId + ":" + (toEnd ? "open" : String.valueOf(range.length() / 1000)), nowNanos, true);
        e.relaying = relaying;
        entries.add(e);
    }

    /** The peer of transfer {@code transferId} turned out to be relaying the object (its answer said so). */
    public void relaying(int transferId) {
        for (Entry e : entries) {
            if (e.start && e.transferId == transferId) {
                e.relaying = true;
            }
        }
    }

    /** Transfer {@code transferId} (from {@code source}) was cancelled. */
    public void cancelled(int transferId, Source source, long nowNanos) {
        entries.add(new Entry(transferId, letter(source) + transferId + "~", nowNanos, false));
    }

    /** Transfer {@code transferId} (from {@code source}) failed with {@code kind}. */
    public void failed(int transferId, Source source, FailureKind kind, long nowNanos) {
        entries.add(new Entry(transferId, letter(source) + transferId + "!" + kind, nowNanos, false));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(e.text).append(e.relaying ? "r" : "").append(String.format(Locale.ROOT, "@%.2f", (e.atNanos - startedNanos) / 1e9));
        }
        return b.toString();
    }

    private static String letter(Source source) {
        return source.isPeer() ? "P" : "S";
    }

    /**
     * One finished download, as a {@code fetches.csv} row carries it (without the viewer, which
     * whoever collects the rows knows).
     *
     * @param object       the object's path
     * @param startedNanos when it began, on the clock of whoever ran it
     * @param tookNanos    how long it ran
     * @param leadNanos    the time to its deadline it was given
     * @param sizeBytes    the object's size (0 when it failed before the size was known)
     * @param peerBytes    useful bytes from peers
     * @param serverBytes  useful bytes from servers
     * @param ok           false when it failed
     * @param transfers    the trace ({@link FetchTrace#toString()})
     */
    public record Record(String object, long startedNanos, long tookNanos, long leadNanos, long sizeBytes, long peerBytes, long serverBytes,
            boolean ok, String transfers) {
    }
}
