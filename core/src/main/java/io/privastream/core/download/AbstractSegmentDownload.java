package io.privastream.core.download;

import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.media.ByteRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bookkeeping every strategy shares: which bytes arrived, which transfers run, which sources
 * failed, completion and size consistency. Strategies decide only what to start and when to
 * give up on a source ({@link #plan(long)}, {@link #review(long)}).
 *
 * <p>With a digest in the request, {@link #received} holds the bytes that arrived and
 * {@link #verified} those whose chunk passed its check: strategies plan over what arrived (a
 * chunk waiting for its check is not fetched twice), while completion and what may be relayed
 * ({@link #contiguousBytes()}) count only verified chunks. A chunk that fails is dropped and every
 * peer that wrote into it rejected (or, when only servers did, those servers), so it is fetched
 * again from someone else.
 */
abstract class AbstractSegmentDownload implements SegmentDownload {
    /** Range end used while the object's size is unknown. */
    static final long UNKNOWN_END = Long.MAX_VALUE;
    /**
     * How long a server that answered busy is left alone before it is asked again: long enough
     * for a few of its transfers to end, short against a segment's deadline (250 ms).
     */
    static final long BUSY_BACKOFF_NANOS = 250_000_000L;
    /** Lookups one download asks for when its peers are used up ({@link DownloadAction.FindPeers}). */
    static final int MAX_PEER_SEARCHES = 4;
    /** Least time between two of them: 500 ms, a few tracker round trips. */
    static final long PEER_SEARCH_INTERVAL_NANOS = 500_000_000L;
    /** Busy answers from servers one download waits out; past this (10 s of backoffs) they count as failures. */
    static final int MAX_BUSY_ANSWERS = 40;

    final DownloadRequest request;
    final DownloadTuning tuning;
    final SourceEstimates estimates;
    final RangeSet received = new RangeSet();
    /** Bytes whose chunk passed verification; the same set as {@link #received} without a digest. */
    final RangeSet verified;
    private final SegmentDigest digest;
    /** Chunks with bytes that arrived but are not verified yet. */
    private final Map<Integer, PendingChunk> pending = new HashMap<>();
    final Map<Integer, Transfer> active = new LinkedHashMap<>();
    final List<Source> failedSources = new ArrayList<>();
    /** The peers this download may use: the request's, then those {@link #onPeers} adds. */
    final List<Source> peers;
    /** A {@link DownloadAction.FindPeers} is out and not answered yet. */
    private boolean findingPeers;
    private int peerSearches;
    private long lastPeerSearchNanos;
    /** Verified bytes each source delivered (what counts toward the object and toward receipts). */
    private final Map<Source, Long> useful = new java.util.LinkedHashMap<>();
    private long size;
    private boolean done;
    private int nextTransferId = 1;
    int serverAttempts;
    /** Server transfers that failed (cut, errored, timed out); what bounds retries when parts succeed. */
    int serverFailures;
    /** Servers that answered busy, and until when (ticker nanos) they are not asked again. */
    private final Map<Source, Long> busyUntil = new HashMap<>(2);
    private int busyAnswers;
    /** The latest ticker reading this download was given. */
    long lastNanos;

    AbstractSegmentDownload(DownloadRequest request, DownloadTuning tuning, SourceEstimates estimates) {
        this.request = request;
        this.tuning = tuning;
        this.estimates = estimates;
        this.size = request.sizeBytes().orElse(-1);
        this.digest = request.digest().orElse(null);
        this.verified = digest == null ? received : new RangeSet();
        this.peers = new ArrayList<>(request.peers());
    }

    /** A transfer in flight. */
    static final class Transfer {
        final int id;
        final Source source;
        /** What the source was asked for; bytes outside it mean the source is broken. */
        ByteRange requested;
        /** The part still wanted from this source; work stealing may shrink its end. */
        ByteRange range;
        final long startedNanos;
        long lastProgressNanos;
        long firstByteNanos = -1;
        long bytes;

        Transfer(int id, Source source, ByteRange range, long startedNanos) {
            this.id = id;
            this.source = source;
            this.requested = range;
            this.range = range;
            this.startedNanos = startedNanos;
            this.lastProgressNanos = startedNanos;
        }

        /** The next offset this transfer will deliver (sources send their range in order). */
        long nextOffset() {
            return requested.start() + bytes;
        }

        /** Bytes of its assigned range this transfer still has to deliver. */
        long remaining() {
            return Math.max(0, range.end() - Math.max(range.start(), nextOffset()));
        }

        /** Bytes per second since the first byte, or -1 before any usable observation. */
        double rate(long now) {
            if (firstByteNanos < 0 || now <= startedNanos) {
                return -1;
            }
            return bytes * 1e9 / (now - startedNanos);
        }
    }

    /** Who wrote into a chunk that is not verified yet, and how many new bytes each kind brought. */
    private static final class PendingChunk {
        final Set<Source> writers = new LinkedHashSet<>();
        final Map<Source, Long> fresh = new java.util.LinkedHashMap<>();
        boolean checking;
    }

    // --- strategy hooks ------------------------------------------------------------------

    /** Decides which transfers to start now; called on start and whenever a transfer ends. */
    abstract void plan(long now, List<DownloadAction> out);

    /** Looks at running transfers; may cancel and replace them. Called on every tick and data. */
    abstract void review(long now, List<DownloadAction> out);

    /** {@code t} delivered all of its (possibly shrunk) range; its source may take more work. */
    void partDone(Transfer t) {
    }

    // --- SegmentDownload -----------------------------------------------------------------

    @Override
    public List<DownloadAction> start(long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        if (done) {
            return out;
        }
        if (size == 0) {
            finish(out);
            return out;
        }
        plan(nowNanos, out);
        return out;
    }

    @Override
    public List<DownloadAction> onSize(int transferId, long totalBytes, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        Transfer t = active.get(transferId);
        if (done || t == null) {
            return out;
        }
        if (totalBytes < 0) {
            fail(t, FailureKind.CORRUPT, nowNanos, out);
            return out;
        }
        if (size < 0) {
            size = totalBytes;
            // (Never with a digest: its size is known from the start.)
            for (Transfer other : active.values()) {
                // Open ranges end at the object's end; bounded first requests sized from a hint
                // may reach past it, and the source will only send what exists.
                if (other.range.end() > size) {
                    other.range = new ByteRange(Math.min(other.range.start(), size), size);
                }
                if (other.requested.end() > size) {
                    other.requested = new ByteRange(Math.min(other.requested.start(), size), size);
                }
            }
            if (complete()) {
                finish(out);
            }
        } else if (size != totalBytes) {
            if (t.source.isPeer() || digest != null) {
                // A peer claiming another size is lying or holds another object (and any source
                // contradicting the publisher's signed size is wrong): drop it.
                fail(t, FailureKind.CORRUPT, nowNanos, out);
            } else {
                // Servers are authoritative. What peers sent was sized for another object,
                // so start over from this server.
                restartFrom(t, totalBytes, nowNanos, out);
            }
        }
        return out;
    }

    @Override
    public List<DownloadAction> onData(int transferId, long offset, long length, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        Transfer t = active.get(transferId);
        if (done || t == null || length <= 0) {
            return out;
        }
        ByteRange got = ByteRange.ofLength(offset, length);
        if (got.start() < t.requested.start() || got.end() > t.requested.end()) {
            // Bytes outside what was asked: the source is broken or lying.
            fail(t, FailureKind.CORRUPT, nowNanos, out);
            return out;
        }
        if (t.firstByteNanos < 0) {
            t.firstByteNanos = nowNanos;
        }
        t.bytes += length;
        t.lastProgressNanos = nowNanos;
        if (digest == null) {
            useful.merge(t.source, received.add(got), Long::sum);
        } else {
            arrived(t.source, got, out);
        }
        if (complete()) {
            finish(out);
            return out;
        }
        if (t.range.end() < t.requested.end() && received.covers(t.range)) {
            // Its tail was given to another source: this transfer has done its part.
            cancel(t, out);
            partDone(t);
            plan(nowNanos, out);
        }
        review(nowNanos, out);
        return out;
    }

    @Override
    public List<DownloadAction> onEnd(int transferId, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        Transfer t = active.get(transferId);
        if (done || t == null) {
            return out;
        }
        if (t.range.end() == UNKNOWN_END) {
            // Ran to the end without ever telling the size: what arrived is the object.
            size = received.prefixLength();
            t.range = new ByteRange(t.range.start(), size);
            t.requested = t.range;
        }
        if (!received.covers(t.range)) {
            fail(t, FailureKind.SHORT_BODY, nowNanos, out);
            return out;
        }
        active.remove(transferId);
        partDone(t);
        if (complete()) {
            finish(out);
        } else {
            plan(nowNanos, out);
        }
        return out;
    }

    @Override
    public List<DownloadAction> onFailure(int transferId, FailureKind kind, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        Transfer t = active.get(transferId);
        if (done || t == null) {
            return out;
        }
        fail(t, kind, nowNanos, out);
        return out;
    }

    @Override
    public List<DownloadAction> onVerified(int chunk, boolean ok, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        PendingChunk c = pending.get(chunk);
        if (done || digest == null || c == null || !c.checking) {
            return out;
        }
        pending.remove(chunk);
        ByteRange range = digest.chunk(chunk);
        if (ok) {
            verified.add(range);
            c.fresh.forEach((source, bytes) -> useful.merge(source, bytes, Long::sum));
            if (complete()) {
                finish(out);
            }
            return out;
        }
        received.remove(range);
        // Peers are suspects first: a server is blamed only when no peer wrote into the chunk.
        List<Source> culprits = c.writers.stream().filter(Source::isPeer).toList();
        if (culprits.isEmpty()) {
            culprits = List.copyOf(c.writers);
        }
        String why = "chunk " + chunk + " (" + range + ") of " + request.key() + " does not match the publisher's digest";
        for (Source culprit : culprits) {
            out.add(new DownloadAction.Reject(culprit, why));
            // Whatever else it wrote and is not verified yet is not trusted either.
            for (var e : List.copyOf(pending.entrySet())) {
                if (e.getValue().writers.contains(culprit)) {
                    pending.remove(e.getKey());
                    received.remove(digest.chunk(e.getKey()));
                }
            }
            List<Transfer> its = active.values().stream().filter(t -> t.source.equals(culprit)).toList();
            if (its.isEmpty()) {
                markFailed(culprit);
            }
            its.forEach(t -> fail(t, FailureKind.CORRUPT, nowNanos, out));
        }
        if (!done) {
            plan(nowNanos, out);
        }
        return out;
    }

    /** Books bytes {@code got} from {@code source} chunk by chunk; asks to check each completed chunk. */
    private void arrived(Source source, ByteRange got, List<DownloadAction> out) {
        for (int i = digest.chunkAt(got.start()); i < digest.chunkCount() && digest.chunk(i).start() < got.end(); i++) {
            ByteRange chunk = digest.chunk(i);
            if (verified.covers(chunk)) {
                continue;
            }
            ByteRange part = new ByteRange(Math.max(chunk.start(), got.start()), Math.min(chunk.end(), got.end()));
            PendingChunk c = pending.computeIfAbsent(i, k -> new PendingChunk());
            c.writers.add(source);
            c.fresh.merge(source, received.add(part), Long::sum);
            if (!c.checking && received.covers(chunk)) {
                c.checking = true;
                out.add(new DownloadAction.Verify(i, chunk));
            }
        }
    }

    /** True once every byte arrived (and, with a digest, passed its check). */
    private boolean complete() {
        return size >= 0 && verified.covers(new ByteRange(0, size));
    }

    @Override
    public List<DownloadAction> onPeers(List<Source> found, long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        findingPeers = false;
        List<DownloadAction> out = new ArrayList<>();
        if (done) {
            return out;
        }
        for (Source p : found) {
            if (p.isPeer() && !peers.contains(p)) {
                peers.add(p);
            }
        }
        plan(nowNanos, out);
        return out;
    }

    /**
     * Asks for a new lookup ({@link DownloadAction.FindPeers}) unless one is out, the last was
     * under {@link #PEER_SEARCH_INTERVAL_NANOS} ago, or {@link #MAX_PEER_SEARCHES} were made.
     */
    void findPeers(long now, List<DownloadAction> out) {
        if (findingPeers || peerSearches >= MAX_PEER_SEARCHES || peerSearches > 0 && now - lastPeerSearchNanos < PEER_SEARCH_INTERVAL_NANOS) {
            return;
        }
        findingPeers = true;
        peerSearches++;
        lastPeerSearchNanos = now;
        out.add(new DownloadAction.FindPeers());
    }

    @Override
    public List<DownloadAction> onTick(long nowNanos) {
        lastNanos = Math.max(lastNanos, nowNanos);
        List<DownloadAction> out = new ArrayList<>();
        if (!done) {
            review(nowNanos, out);
        }
        return out;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public OptionalLong sizeBytes() {
        return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
    }

    @Override
    public long contiguousBytes() {
        return verified.prefixLength();
    }

    @Override
    public long readyFrom(long offset) {
        return verified.runEnd(offset);
    }

    @Override
    public List<ByteRange> readyRanges() {
        return verified.ranges();
    }

    @Override
    public Map<SourceKind, Long> usefulBytes() {
        Map<SourceKind, Long> byKind = new EnumMap<>(SourceKind.class);
        for (SourceKind kind : SourceKind.values()) {
            byKind.put(kind, 0L);
        }
        useful.forEach((source, bytes) -> byKind.merge(source.kind(), bytes, Long::sum));
        return Map.copyOf(byKind);
    }

    @Override
    public Map<Source, Long> usefulBytesBySource() {
        return Map.copyOf(useful);
    }

    // --- helpers for strategies --------------------------------------------------------

    long size() {
        return size;
    }

    boolean sizeKnown() {
        return size >= 0;
    }

    /** Bytes still missing; unknown size counts as "a lot". */
    long remainingBytes() {
        return sizeKnown() ? size - received.coveredBytes() : Long.MAX_VALUE;
    }

    /** Missing ranges not already being fetched by an active transfer. */
    List<ByteRange> unassigned() {
        if (!sizeKnown()) {
            long from = received.prefixLength();
            boolean fetching = active.values().stream().anyMatch(t -> t.range.end() == UNKNOWN_END);
            return fetching ? List.of() : List.of(new ByteRange(from, UNKNOWN_END));
        }
        RangeSet claimed = new RangeSet();
        received.ranges().forEach(claimed::add);
        active.values().forEach(t -> claimed.add(t.range));
        return claimed.missing(new ByteRange(0, size));
    }

    Transfer startTransfer(Source source, ByteRange range, long now, List<DownloadAction> out) {
        Transfer t = new Transfer(nextTransferId++, source, range, now);
        active.put(t.id, t);
        if (!source.isPeer()) {
            serverAttempts++;
        }
        out.add(new DownloadAction.Start(t.id, source, range));
        return t;
    }

    void cancel(Transfer t, List<DownloadAction> out) {
        if (active.remove(t.id) != null) {
            out.add(new DownloadAction.Cancel(t.id));
        }
    }

    /**
     * Abandons {@code t} (cancelling it), remembers its source as failed, and re-plans. A busy
     * server is only set aside for {@link #BUSY_BACKOFF_NANOS}: it is not a failure.
     */
    void fail(Transfer t, FailureKind kind, long now, List<DownloadAction> out) {
        cancel(t, out);
        if (kind == FailureKind.BUSY && !t.source.isPeer() && ++busyAnswers <= MAX_BUSY_ANSWERS) {
            busyUntil.put(t.source, now + BUSY_BACKOFF_NANOS);
        } else {
            markFailed(t.source);
        }
        if (!done) {
            plan(now, out);
        }
    }

    /** Remembers {@code source} as failed for this download; a server failure counts against the retry budget. */
    private void markFailed(Source source) {
        failedSources.add(source);
        if (!source.isPeer()) {
            serverFailures++;
        }
    }

    boolean hasFailed(Source source) {
        return failedSources.contains(source) || busyUntil.getOrDefault(source, Long.MIN_VALUE) > lastNanos;
    }

    /** True if {@code server} answered busy during this download. */
    boolean answeredBusy(Source server) {
        return busyUntil.containsKey(server);
    }

    /** True while some server that answered busy waits out its backoff: asking again later may work. */
    boolean serverBackingOff() {
        return busyUntil.values().stream().anyMatch(until -> until > lastNanos);
    }

    /** The next server to try: the first not yet failed, else round-robin over all of them. */
    java.util.Optional<Source> nextServer() {
        if (serverAttempts >= tuning.maxServerAttempts()) {
            return java.util.Optional.empty();
        }
        for (Source s : request.servers()) {
            if (!hasFailed(s) && active.values().stream().noneMatch(t -> t.source.equals(s))) {
                return java.util.Optional.of(s);
            }
        }
        List<Source> servers = request.servers();
        return java.util.Optional.of(servers.get(serverAttempts % servers.size()));
    }

    /** Expected seconds for a server to deliver {@code bytes}. */
    double serverSeconds(Source server, long bytes) {
        double rate = estimates.bytesPerSecond(server).orElse(tuning.defaultServerBytesPerSecond());
        return tuning.serverLatency().toNanos() / 1e9 + bytes / rate;
    }

    /** Expected seconds for {@code source} to deliver {@code bytes}, from its estimate or the defaults. */
    double expectedSeconds(Source source, long bytes) {
        if (!source.isPeer()) {
            return serverSeconds(source, bytes);
        }
        double rate = estimates.bytesPerSecond(source).orElse(tuning.defaultPeerBytesPerSecond());
        return tuning.serverLatency().toNanos() / 1e9 + bytes / rate;
    }

    void finish(List<DownloadAction> out) {
        for (Transfer t : List.copyOf(active.values())) {
            if (received.covers(t.range)) {
                // It delivered its part and is about to end on its own: nothing to cut.
                active.remove(t.id);
            } else {
                cancel(t, out);
            }
        }
        done = true;
        out.add(new DownloadAction.Complete(size));
    }

    void giveUp(String reason, List<DownloadAction> out) {
        for (Transfer t : List.copyOf(active.values())) {
            cancel(t, out);
        }
        done = true;
        out.add(new DownloadAction.Fail(reason));
    }

    Collection<Transfer> transfers() {
        return active.values();
    }

    private void restartFrom(Transfer t, long totalBytes, long now, List<DownloadAction> out) {
        for (Transfer other : List.copyOf(active.values())) {
            cancel(other, out);
        }
        size = totalBytes;
        received.clear();
        verified.clear();
        pending.clear();
        useful.clear();
        startTransfer(t.source, new ByteRange(0, size), now, out);
    }
}
