package io.privastream.agent;

import io.privastream.core.download.DownloadAction;
import io.privastream.core.download.FailureKind;
import io.privastream.core.download.FetchTrace;
import io.privastream.core.download.PeerHealth;
import io.privastream.core.download.SegmentDownload;
import io.privastream.core.download.Source;
import io.privastream.core.download.SourceKind;
import io.privastream.core.download.ThroughputTracker;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.ContentRange;
import io.privastream.http.Pacing;
import io.privastream.protocol.AgentHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one {@link SegmentDownload}: opens the transfers it asks for on virtual threads,
 * writes arriving bytes at their offsets, reports every event back under one lock, and ticks it
 * until it completes or fails.
 *
 * <p>With a digest, it checks each chunk the download asks it to ({@link DownloadAction.Verify})
 * and never writes over a chunk that passed: a late or lying source cannot spoil verified bytes
 * that relays and the player may already be reading.
 *
 * <p>All decisions stay in the download; this class only moves bytes and reports. One instance
 * per object download; {@link #run()} blocks the calling thread.
 */
final class DownloadExecution {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadExecution.class);
    private static final int READ_CHUNK = 16 * 1024;
    /** Objects larger than this are refused: a lying source must not make us allocate gigabytes. */
    static final long MAX_OBJECT_BYTES = 64L * 1024 * 1024;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * What the download produced.
     *
     * @param deliveredBytesPerSecond the object's size over the time from the download's start
     *                                to its last byte: the pace the sources delivered it at
     * @param bytesBySource           verified bytes each source gave (what receipts pay for)
     */
    record Result(byte[] data, long peerBytes, long serverBytes, double deliveredBytesPerSecond, Map<Source, Long> bytesBySource) {
    }

    /** Where one source's request goes. */
    interface Locator {
        URI url(Source source, SegmentKey key);
    }

    private final SegmentDownload download;
    private final SegmentKey key;
    private final Function<Source, HttpClient> http;
    private final Locator locator;
    private final TokenBucket downloadBucket;
    private final ThroughputTracker throughput;
    private final PeerHealth health;
    private final Ticker ticker;
    private final Duration requestTimeout;
    private final Duration addedLatency;
    private final long hardLimitNanos;
    private final GrowingObject growing;
    private final SegmentDigest digest;
    private final BitSet verifiedChunks = new BitSet();
    private final LongAdder rejectedChunks;
    /** Looks the object up again (blocking: a tracker round trip); see {@link DownloadAction.FindPeers}. */
    private final Supplier<List<Source>> findPeers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final Map<Integer, Transfer> running = new HashMap<>();
    private byte[] buffer;
    private DownloadAction terminal;
    private int lastServerStatus;
    private long published;
    /** Sources asked for background service (none unless {@link #inBackground}). */
    private Predicate<Source> background = s -> false;
    /** Headers showing the agent's standing, by request path, for foreground requests to servers (none unless {@link #showingStanding}). */
    private Function<String, Map<String, String>> standingHeaders = path -> Map.of();
    /** What each transfer did, when someone listens ({@link #traced}); guarded by the lock. */
    private FetchTrace trace;
    private java.util.function.Consumer<FetchTrace.Record> traceSink;
    private long deadlineNanos;

    DownloadExecution(SegmentDownload download, SegmentKey key, Function<Source, HttpClient> http, Locator locator, TokenBucket downloadBucket,
            ThroughputTracker throughput, PeerHealth health, Ticker ticker, Duration requestTimeout, Duration addedLatency,
            Duration hardLimit, GrowingObject growing, Optional<SegmentDigest> digest, LongAdder rejectedChunks,
            Supplier<List<Source>> findPeers) {
        this.findPeers = findPeers;
        this.download = download;
        this.key = key;
        this.http = http;
        this.locator = locator;
        this.downloadBucket = downloadBucket;
        this.throughput = throughput;
        this.health = health;
        this.ticker = ticker;
        this.requestTimeout = requestTimeout;
        this.addedLatency = addedLatency;
        this.hardLimitNanos = ticker.nanos() + hardLimit.toNanos();
        this.growing = growing;
        this.digest = digest.orElse(null);
        this.rejectedChunks = rejectedChunks;
    }

    /**
     * Marks this download's requests to some sources as background ({@link AgentHeaders#PRIORITY}):
     * served from uplink the sources' other answers leave idle. Those transfers then say nothing
     * of a source's speed or health (a slow one was slow by request), except by failing. For decoys.
     *
     * @param peersToo whether requests to peers are background too, or only those to servers
     * @return this execution
     */
    DownloadExecution inBackground(boolean peersToo) {
        this.background = peersToo ? s -> true : s -> !s.isPeer();
        return this;
    }

    /**
     * Adds to each foreground request to a server the headers {@code headers} gives for its path
     * ({@link AgentHeaders#STANDING} and its proof), so that a server keeping transfers for
     * contributors can rank it. Not to peers: they rank a requester by the key its link proved.
     * Not to background requests: served from idle capacity, they have nothing to be ranked for.
     *
     * @param headers from a request's raw path to the headers to add (empty: none); called once per request
     * @return this execution
     */
    DownloadExecution showingStanding(Function<String, Map<String, String>> headers) {
        this.standingHeaders = headers;
        return this;
    }

    /**
     * Hands {@code sink} one {@link FetchTrace.Record} when the download ends, well or not: what
     * each transfer did, counted from {@code requestedNanos} (when the object was asked for, so
     * that the tracker lookup and digest fetch before the first transfer show).
     *
     * @param requestedNanos when the object was asked for ({@link Ticker} reading)
     * @param deadlineNanos  the download's deadline
     * @return this execution
     */
    DownloadExecution traced(long requestedNanos, long deadlineNanos, java.util.function.Consumer<FetchTrace.Record> sink) {
        this.trace = new FetchTrace(requestedNanos);
        this.traceSink = sink;
        this.deadlineNanos = deadlineNanos;
        return this;
    }

    /**
     * Runs the download to its end.
     *
     * @throws AgentException 404 when every server said the object does not exist, 502/504 when
     *                        the download failed or ran out of time
     */
    Result run() {
        lock.lock();
        try {
            OptionalLong size = download.sizeBytes();
            buffer = new byte[(int) Math.min(size.orElse(0), MAX_OBJECT_BYTES)];
            long started = ticker.nanos();
            apply(download.start(started));
            while (terminal == null) {
                finished.awaitNanos(TICK_NANOS);
                long now = ticker.nanos();
                if (terminal == null && now > hardLimitNanos) {
                    cancelAll();
                    throw new AgentException(504, "gave up on " + key + " after " + Duration.ofNanos(now - hardLimitNanos) + " past its limit");
                }
                if (terminal == null) {
                    apply(download.onTick(now));
                }
            }
            if (terminal instanceof DownloadAction.Fail f) {
                cancelAll();
                int status = lastServerStatus == 404 || lastServerStatus == 410 ? 404 : 502;
                throw new AgentException(status, status == 404 ? key + " does not exist on the servers" : f.reason());
            }
            long total = ((DownloadAction.Complete) terminal).sizeBytes();
            byte[] data = buffer.length == total ? buffer : Arrays.copyOf(buffer, (int) total);
            Map<SourceKind, Long> useful = download.usefulBytes();
            traceEnded(true);
            return new Result(data, useful.get(SourceKind.PEER), useful.get(SourceKind.SERVER),
                    total * 1e9 / Math.max(1, ticker.nanos() - started), download.usefulBytesBySource());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
            throw new AgentException(503, "interrupted while fetching " + key);
        } finally {
            traceEnded(false);
            lock.unlock();
        }
    }

    /** Hands the trace to its sink, once; the lock is held. */
    private void traceEnded(boolean ok) {
        if (trace == null) {
            return;
        }
        long now = ticker.nanos();
        Map<SourceKind, Long> useful = download.usefulBytes();
        FetchTrace.Record record = new FetchTrace.Record(key.path(), trace.startedNanos(), now - trace.startedNanos(),
                deadlineNanos - trace.startedNanos(), download.sizeBytes().orElse(0), useful.getOrDefault(SourceKind.PEER, 0L),
                useful.getOrDefault(SourceKind.SERVER, 0L), ok, trace.toString());
        trace = null;
        try {
            traceSink.accept(record);
        } catch (RuntimeException e) {
            LOG.warn("the fetch log refused a record of {}", key, e);
        }
    }

    /** Notes in the trace, if any, that transfer {@code id}'s peer relays the object. */
    private void traceRelaying(int id) {
        lock.lock();
        try {
            if (trace != null) {
                trace.relaying(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Carries out {@code actions}; the lock is held. */
    private void apply(List<DownloadAction> actions) {
        boolean finishing = actions.stream().anyMatch(a -> a instanceof DownloadAction.Complete || a instanceof DownloadAction.Fail);
        for (DownloadAction action : actions) {
            if (action instanceof DownloadAction.Start && terminal != null) {
                // Planned in the same batch as a check that completed the object.
                continue;
            }
            switch (action) {
                case DownloadAction.Verify v -> {
                    boolean ok = digest != null && digest.matches(v.chunk(), buffer, (int) v.range().start());
                    if (ok) {
                        verifiedChunks.set(v.chunk());
                    } else {
                        rejectedChunks.increment();
                    }
                    apply(download.onVerified(v.chunk(), ok, ticker.nanos()));
                }
                case DownloadAction.Reject r -> {
                    LOG.info("rejected {} for {}: {}", r.source(), key, r.reason());
                    if (r.source().isPeer()) {
                        health.failure(r.source().id(), FailureKind.CORRUPT, ticker.nanos());
                    }
                }
                case DownloadAction.Start s -> {
                    if (trace != null) {
                        trace.started(s.transferId(), s.source(), s.range(), s.toEnd(), false, ticker.nanos());
                    }
                    Transfer t = new Transfer(s);
                    running.put(s.transferId(), t);
                    Thread.ofVirtual().name("fetch-" + key.path() + "-" + s.transferId()).start(t::run);
                }
                case DownloadAction.Cancel c -> {
                    Transfer t = running.remove(c.transferId());
                    if (t != null) {
                        if (trace != null) {
                            trace.cancelled(c.transferId(), t.start.source(), ticker.nanos());
                        }
                        t.cancel();
                        if (!finishing && t.start.source().isPeer() && !t.failed && !background.test(t.start.source())) {
                            // Abandoned for being too slow: let the peer rest a while. (Not when it
                            // served us in the background: it was slow by request.)
                            health.failure(t.start.source().id(), FailureKind.TIMEOUT, ticker.nanos());
                        }
                    }
                }
                case DownloadAction.FindPeers f -> Thread.ofVirtual().name("find-peers-" + key.path()).start(this::lookAgain);
                case DownloadAction.Complete c -> {
                    terminal = c;
                    finished.signalAll();
                }
                case DownloadAction.Fail f -> {
                    terminal = f;
                    finished.signalAll();
                }
            }
        }
    }

    /** Runs a lookup off the lock, then reports what it found (nothing, if it failed). */
    private void lookAgain() {
        List<Source> found;
        try {
            found = findPeers.get();
        } catch (RuntimeException e) {
            LOG.debug("looking {} up again failed: {}", key, e.toString());
            found = List.of();
        }
        lock.lock();
        try {
            if (terminal == null) {
                apply(download.onPeers(found, ticker.nanos()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void cancelAll() {
        running.values().forEach(Transfer::cancel);
        running.clear();
    }

    /** Copies {@code len} bytes to offset {@code at}, except over verified chunks; the lock is held. */
    private void write(byte[] chunk, long at, int len) {
        if (digest == null) {
            System.arraycopy(chunk, 0, buffer, (int) at, len);
            return;
        }
        long end = at + len;
        for (long from = at; from < end; ) {
            int index = digest.chunkAt(from);
            long to = index < digest.chunkCount() ? Math.min(end, digest.chunk(index).end()) : end;
            if (!verifiedChunks.get(index)) {
                System.arraycopy(chunk, (int) (from - at), buffer, (int) from, (int) (to - from));
            }
            from = to;
        }
    }

    /** Grows the buffer to hold {@code end} bytes; the lock is held. */
    private boolean ensureCapacity(long end) {
        if (end > MAX_OBJECT_BYTES) {
            return false;
        }
        if (end > buffer.length) {
            long target = Math.max(end, Math.min(MAX_OBJECT_BYTES, (long) buffer.length * 2));
            buffer = Arrays.copyOf(buffer, (int) target);
        }
        return true;
    }

    /** One HTTP transfer of a range from a source. */
    private final class Transfer {
        final DownloadAction.Start start;
        volatile boolean cancelled;
        volatile InputStream body;
        boolean failed;

        Transfer(DownloadAction.Start start) {
            this.start = start;
        }

        void cancel() {
            cancelled = true;
            InputStream in = body;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Closing aborts the exchange; nothing else to do.
                }
            }
        }

        void run() {
            long began = ticker.nanos();
            long delivered = 0;
            boolean relayed = false;
            Source source = start.source();
            try {
                if (addedLatency.isPositive()) {
                    // Emulated round trip: the request leaves late, as it would cross a wide-area link.
                    Thread.sleep(addedLatency);
                    if (cancelled) {
                        return;
                    }
                }
                URI url = locator.url(source, key);
                HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET();
                boolean whole = start.range().start() == 0 && start.toEnd();
                if (!whole) {
                    request.header("Range", start.toEnd() ? "bytes=" + start.range().start() + "-" : start.range().toHttpHeader());
                }
                if (background.test(source)) {
                    request.header(AgentHeaders.PRIORITY, AgentHeaders.BACKGROUND);
                }
                if (!source.isPeer() && !background.test(source)) {
                    // The proof signs the path as the server reads it off the request line: raw, without the query.
                    standingHeaders.apply(url.getRawPath()).forEach(request::header);
                }
                HttpResponse<InputStream> response = http.apply(source).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                relayed = response.headers().firstValue(AgentHeaders.RELAYED).isPresent();
                if (relayed) {
                    traceRelaying(start.transferId());
                }
                if (cancelled) {
                    return;
                }
                long offset = start.range().start();
                long end = start.toEnd() ? Long.MAX_VALUE : start.range().end();
                long skip = 0;
                OptionalLong total;
                int status = response.statusCode();
                if (status == 206) {
                    Optional<ContentRange> cr = response.headers().firstValue("Content-Range").flatMap(ContentRange::parse);
                    if (cr.isEmpty() || cr.get().range().isEmpty() || cr.get().range().get().start() != offset) {
                        report(FailureKind.CORRUPT, "206 without the asked range (" + response.headers().firstValue("Content-Range").orElse("none") + ")");
                        return;
                    }
                    total = cr.get().totalLength();
                } else if (status == 200) {
                    // The source ignored Range (allowed by RFC 9110 §14.2): skip to our offset.
                    skip = offset;
                    total = response.headers().firstValueAsLong("Content-Length");
                } else {
                    if (!source.isPeer()) {
                        lastServerStatusIs(status);
                    }
                    // 503: the source is at its limit of transfers, not broken (see FailureKind.BUSY).
                    report(status == 503 ? FailureKind.BUSY : FailureKind.STATUS, "answered " + status);
                    return;
                }
                if (total.isPresent()) {
                    if (total.getAsLong() > MAX_OBJECT_BYTES) {
                        report(FailureKind.CORRUPT, "claims " + total.getAsLong() + " bytes, more than the " + MAX_OBJECT_BYTES + " allowed");
                        return;
                    }
                    end = Math.min(end, total.getAsLong());
                    if (!event(() -> download.onSize(start.transferId(), total.getAsLong(), ticker.nanos()))) {
                        return;
                    }
                }
                InputStream in = body;
                byte[] chunk = new byte[READ_CHUNK];
                if (skip > 0) {
                    in.skipNBytes(skip);
                }
                while (offset < end && !cancelled) {
                    int want = (int) Math.min(chunk.length, end - offset);
                    int n = in.read(chunk, 0, want);
                    if (n < 0) {
                        break;
                    }
                    Pacing.pause(downloadBucket.reserve(n));
                    final long at = offset;
                    final int len = n;
                    boolean go = event(() -> {
                        if (!ensureCapacity(at + len)) {
                            return download.onFailure(start.transferId(), FailureKind.CORRUPT, ticker.nanos());
                        }
                        write(chunk, at, len);
                        return download.onData(start.transferId(), at, len, ticker.nanos());
                    });
                    if (!go) {
                        return;
                    }
                    offset += n;
                    delivered += n;
                }
                if (!cancelled) {
                    if (source.isPeer()) {
                        health.success(source.id());
                    }
                    event(() -> download.onEnd(start.transferId(), ticker.nanos()));
                }
            } catch (HttpTimeoutException e) {
                report(FailureKind.TIMEOUT, "no answer within " + requestTimeout.toMillis() + " ms");
            } catch (IOException e) {
                if (!cancelled) {
                    report(FailureKind.CONNECTION, String.valueOf(e.getMessage()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A bug must not leave the download waiting for this transfer forever.
                LOG.warn("transfer {} of {} from {} failed unexpectedly", start.transferId(), key, source, e);
                report(FailureKind.CONNECTION, e.toString());
            } finally {
                cancel();
                if (!relayed && !background.test(source)) {
                    // A relay delivers at its upstream's pace, a background answer at what the
                    // source's other answers leave: neither says what its uplink can do.
                    throughput.record(source, delivered, ticker.nanos() - began);
                }
            }
        }

        private void report(FailureKind kind, String why) {
            if (cancelled) {
                return;
            }
            failed = true;
            LOG.debug("transfer {} of {} from {} failed ({}): {}", start.transferId(), key, start.source(), kind, why);
            if (start.source().isPeer()) {
                health.failure(start.source().id(), kind, ticker.nanos());
            }
            event(() -> {
                if (trace != null) {
                    trace.failed(start.transferId(), start.source(), kind, ticker.nanos());
                }
                return download.onFailure(start.transferId(), kind, ticker.nanos());
            });
        }

        /** Reports one event under the lock; false once this transfer should stop. */
        private boolean event(Supplier<List<DownloadAction>> call) {
            lock.lock();
            try {
                if (cancelled || terminal != null) {
                    return false;
                }
                apply(call.get());
                publish();
                return !cancelled && terminal == null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Lets peers relaying this object see its progress; the lock is held. */
    private void publish() {
        long contiguous = download.contiguousBytes();
        if (contiguous < published) {
            // The download started over (a server contradicted the size peers gave): what was
            // relayed so far may not be this object. Cut the relays; their readers go elsewhere.
            growing.fail();
        }
        published = contiguous;
        download.sizeBytes().ifPresent(growing::sizeKnown);
        growing.progress(buffer, download.readyRanges());
    }

    private void lastServerStatusIs(int status) {
        lock.lock();
        try {
            lastServerStatus = status;
        } finally {
            lock.unlock();
        }
    }
}
