package io.privastream.agent;

import io.privastream.core.download.DeadlinePolicy;
import io.privastream.core.download.DownloadRequest;
import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.FetchTrace;
import io.privastream.core.download.PeerHealth;
import io.privastream.core.download.PeerSelector;
import io.privastream.core.download.SegmentDownload;
import io.privastream.core.download.SizeHints;
import io.privastream.core.download.Source;
import io.privastream.core.download.ThroughputTracker;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.SegmentNumbers;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.protocol.AgentHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets an object for the player: from the cache, else by a download planned over the peers that
 * hold it and the servers. Concurrent requests for one object share one download.
 *
 * <p>Thread-safe.
 */
final class SegmentFetcher {
    /** A download running longer than this is abandoned, whatever the strategy thinks. */
    private static final Duration HARD_LIMIT = Duration.ofSeconds(30);

    private final ObjectCache cache;
    private final SwarmDirectory directory;
    private final java.util.function.IntFunction<DownloadStrategy> strategies;
    private volatile Incentives incentives;
    private volatile Receipts receipts;
    private final DeadlinePolicy deadlines;
    private final PeerSelector selector;
    private final PeerHealth health;
    private final ThroughputTracker throughput;
    private final TokenBucket downloadBucket;
    private final HttpClient http;
    private final HttpClient peerHttp;
    private final Ticker ticker;
    private final Counters counters;
    private final int maxPeers;
    private final Duration requestTimeout;
    private final Duration addedLatency;
    /** Hears every real download as it ends (see {@link #fetchLog}); null: nobody. */
    private volatile Consumer<FetchTrace.Record> fetchLog;
    private final Digests digests;
    private final boolean unverifiedPeers;
    private final Map<SegmentKey, CompletableFuture<CachedObject>> inFlight = new ConcurrentHashMap<>();
    private final Map<SegmentKey, GrowingObject> relays = new ConcurrentHashMap<>();
    /** Sizes of the last segment seen per track: the first request of an unannounced one is sized from it. */
    private final SizeHints sizeHints = new SizeHints(256);
    private volatile java.util.function.BiConsumer<ContentSession, SegmentKey> lookupListener = (s, k) -> { };
    /** How decoys are downloaded in the background; null: as real objects are. */
    private volatile DownloadStrategy backgroundDecoys;
    /** Whether peers, not only servers, are asked to serve decoys in the background. */
    private volatile boolean backgroundPeers;

    SegmentFetcher(ObjectCache cache, SwarmDirectory directory, java.util.function.IntFunction<DownloadStrategy> strategies,
            DeadlinePolicy deadlines,
            PeerSelector selector, PeerHealth health, ThroughputTracker throughput, TokenBucket downloadBucket, HttpClient http,
            HttpClient peerHttp, Ticker ticker, Counters counters, int maxPeers, Duration requestTimeout, Duration addedLatency, boolean unverifiedPeers) {
        this.cache = cache;
        this.directory = directory;
        this.strategies = strategies;
        this.deadlines = deadlines;
        this.selector = selector;
        this.health = health;
        this.throughput = throughput;
        this.downloadBucket = downloadBucket;
        this.http = http;
        this.peerHttp = peerHttp;
        this.ticker = ticker;
        this.counters = counters;
        this.maxPeers = maxPeers;
        this.requestTimeout = requestTimeout;
        this.addedLatency = addedLatency;
        this.digests = new Digests(http, requestTimeout, downloadBucket);
        this.unverifiedPeers = unverifiedPeers;
    }

    /** The object being downloaded now under {@code key}, readable as it arrives (for peers). */
    java.util.Optional<GrowingObject> relay(SegmentKey key) {
        return java.util.Optional.ofNullable(relays.get(key));
    }

    /** The object, and whether it was already cached. */
    record Fetched(CachedObject object, boolean fromCache) {
    }

    /**
     * Returns {@code key}'s bytes.
     *
     * @throws AgentException when no source delivered it (404 if the servers do not have it)
     */
    Fetched fetch(ContentSession session, SegmentKey key) {
        return fetch(session, key, OptionalLong.empty());
    }

    /**
     * Fetches {@code key} ahead of the player, due by {@code deadlineNanos} (ticker time); nothing
     * when it is cached or already being fetched. The player's request pattern, from which
     * deadlines are inferred, is left alone.
     *
     * @throws AgentException when no source delivered it
     */
    void prefetch(ContentSession session, SegmentKey key, long deadlineNanos) {
        if (cache.get(key).isEmpty() && !inFlight.containsKey(key)) {
            fetch(session, key, OptionalLong.of(deadlineNanos), false);
        }
    }

    /**
     * Fetches {@code key} of a cover content as a decoy: looked up, downloaded, cached and
     * announced exactly like an object a player asked for, its bytes counted apart.
     *
     * @throws AgentException when no source delivered it
     */
    void decoy(ContentSession session, SegmentKey key, long deadlineNanos) {
        if (cache.get(key).isEmpty() && !inFlight.containsKey(key)) {
            counters.decoyLookups.increment();
            fetch(session, key, OptionalLong.of(deadlineNanos), true);
        }
    }

    /** From now on, k and the number of peers come from {@code incentives}, and peers are paid with {@code receipts}. */
    void incentives(Incentives incentives, Receipts receipts) {
        this.incentives = incentives;
        this.receipts = receipts;
    }

    /**
     * From now on decoys ask servers, and with {@code peersToo} peers, for background service
     * ({@link AgentHeaders#PRIORITY}) and are planned by {@code strategy}, whose stall timeouts
     * allow for a source holding them
     * ({@link io.privastream.core.download.DownloadTuning#forBackground(boolean)}). Peers only in
     * relayed access: a serving peer then cannot tell who asks, so learning that a request is a
     * decoy tells it nothing about anyone's interests; reached directly, it would. The origin may
     * always learn it: the publisher is not an adversary here (see docs/security.md).
     */
    void decoysInBackground(DownloadStrategy strategy, boolean peersToo) {
        this.backgroundDecoys = strategy;
        this.backgroundPeers = peersToo;
    }

    /** Calls {@code listener} before every tracker lookup made for a player (not for decoys). */
    void onLookup(java.util.function.BiConsumer<ContentSession, SegmentKey> listener) {
        this.lookupListener = listener;
    }

    private Fetched fetch(ContentSession session, SegmentKey key, OptionalLong deadline) {
        return fetch(session, key, deadline, false);
    }

    private Fetched fetch(ContentSession session, SegmentKey key, OptionalLong deadline, boolean decoy) {
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return new Fetched(cached.get(), true);
        }
        CompletableFuture<CachedObject> mine = new CompletableFuture<>();
        CompletableFuture<CachedObject> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return new Fetched(await(running, key), false);
        }
        run(session, key, deadline, decoy, register(key), mine);
        return new Fetched(await(mine, key), false);
    }

    /** What {@link #open} gives the player: the whole object, or one still arriving. */
    sealed interface Answer {
        /** The complete object; {@code fromCache} when no download was needed. */
        record Ready(CachedObject object, boolean fromCache) implements Answer {
        }

        /** The object as it arrives (verified bytes only), and its download's outcome. */
        record Arriving(GrowingObject growing, CompletableFuture<CachedObject> outcome) implements Answer {
        }
    }

    /**
     * Like {@link #fetch(ContentSession, SegmentKey)}, but returns as soon as a download is
     * running (it runs on a thread of its own, so it finishes and is cached even if the player
     * goes away), so the player can be answered while the bytes arrive.
     */
    Answer open(ContentSession session, SegmentKey key) {
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return new Answer.Ready(cached.get(), true);
        }
        CompletableFuture<CachedObject> mine = new CompletableFuture<>();
        CompletableFuture<CachedObject> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            GrowingObject theirs = relays.get(key);
            return theirs != null ? new Answer.Arriving(theirs, running) : new Answer.Ready(await(running, key), false);
        }
        GrowingObject growing = register(key);
        Thread.ofVirtual().name("download-" + key.path()).start(() -> run(session, key, OptionalLong.empty(), false, growing, mine));
        return new Answer.Arriving(growing, mine);
    }

    /** Makes the download of {@code key} readable by peers (and the player) as it arrives. */
    private GrowingObject register(SegmentKey key) {
        GrowingObject growing = new GrowingObject();
        relays.put(key, growing);
        return growing;
    }

    /** Runs the download registered as {@code growing} and {@code outcome}; its result or failure goes to both. */
    private void run(ContentSession session, SegmentKey key, OptionalLong deadline, boolean decoy, GrowingObject growing,
            CompletableFuture<CachedObject> outcome) {
        try {
            CachedObject object = download(session, key, growing, deadline, decoy);
            growing.complete(object.data());
            outcome.complete(object);
        } catch (RuntimeException e) {
            growing.fail();
            try {
                // Release a claim this agent may hold at the tracker: it will not have the object.
                directory.dropped(key);
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            outcome.completeExceptionally(e);
        } finally {
            relays.remove(key, growing);
            inFlight.remove(key, outcome);
        }
    }

    /**
     * Hands {@code log} a record of every real download (not decoys) as it ends: what each
     * transfer did, for a {@code fetches.csv} (see {@link FetchTrace}).
     * Called on the download's thread; {@code null} stops it.
     */
    void fetchLog(Consumer<FetchTrace.Record> log) {
        this.fetchLog = log;
    }

    private CachedObject download(ContentSession session, SegmentKey key, GrowingObject growing, OptionalLong due, boolean decoy) {
        long now = ticker.nanos();
        DeadlinePolicy.Due inferred = due.isPresent() ? new DeadlinePolicy.Due(due.getAsLong(), false)
                : deadlines.due(key.content(), SegmentNumbers.of(key.path()), session.segmentDurationNanos(), now);
        long deadline = inferred.deadlineNanos();
        // The digest is fetched while the tracker is asked: neither waits for the other.
        CompletableFuture<Optional<SegmentDigest>> digestFetch = digests.fetch(session, key);
        if (!decoy) {
            lookupListener.accept(session, key);
        }
        Incentives standing = incentives;
        int peerLimit = standing == null ? maxPeers : standing.peerLimit(maxPeers);
        List<SwarmDirectory.Holder> holders = directory.holders(key, maxPeers);
        Optional<SegmentDigest> digest = digestFetch.join();
        // Without a digest there is nothing to check peers' bytes by: only servers are trusted
        // with this object (unless unverified peers are allowed).
        boolean peersAllowed = digest.isPresent() || unverifiedPeers;
        if (digest.isEmpty()) {
            counters.unverifiedObjects.increment();
        }
        if (!peersAllowed) {
            holders = List.of();
        }
        OptionalLong size = agreedSize(holders.stream().filter(h -> !h.pending()).toList());
        List<Source> peers = choose(holders, size, now, peerLimit);
        List<ContentSession.Upstream> upstreams = session.upstreams(key.path());
        Map<Source, URI> serverUrls = new HashMap<>();
        upstreams.forEach(u -> serverUrls.put(u.server(), u.url()));
        DownloadRequest request = new DownloadRequest(key, size, deadline, peers, upstreams.stream().map(ContentSession.Upstream::server).toList(),
                sizeHints.hint(key), digest, inferred.playerWaiting());
        // k may change with standing: the strategy is made for the k in force now.
        DownloadStrategy background = decoy ? backgroundDecoys : null;
        SegmentDownload download = (background != null ? background : strategies.apply(standing == null ? -1 : standing.sources()))
                .begin(request, throughput);
        DownloadExecution.Locator locator = (source, k) -> source.isPeer() ? peerUrl(source, k) : serverUrls.get(source);
        // A second look (the download's FindPeers) sees the holders that completed since: it asks
        // for more than the first so that the askers of one instant spread over them.
        java.util.function.Supplier<List<Source>> findPeers = () -> {
            if (!peersAllowed) {
                return List.of();
            }
            List<SwarmDirectory.Holder> fresh = directory.holders(key, maxPeers * 4);
            return choose(fresh, agreedSize(fresh.stream().filter(h -> !h.pending()).toList()), ticker.nanos(), peerLimit);
        };
        DownloadExecution execution = new DownloadExecution(download, key, source -> source.isPeer() ? peerHttp : http, locator, downloadBucket,
                throughput, health, ticker, requestTimeout, addedLatency, HARD_LIMIT, growing, digest, counters.rejectedChunks, findPeers)
                .showingStanding(standing == null ? path -> Map.of() : standing::standingHeaders);
        Consumer<FetchTrace.Record> log = fetchLog;
        if (log != null && !decoy) {
            execution.traced(now, deadline, log);
        }
        DownloadExecution.Result result = (background != null ? execution.inBackground(backgroundPeers) : execution).run();
        if (decoy) {
            counters.decoyBytes.add(result.peerBytes() + result.serverBytes());
            counters.decoyServerBytes.add(result.serverBytes());
        } else {
            counters.objectsFetched.increment();
            counters.bytesFromPeers.add(result.peerBytes());
            counters.bytesFromServers.add(result.serverBytes());
        }
        sizeHints.record(key, result.data().length);
        Receipts paying = receipts;
        if (paying != null && result.peerBytes() > 0) {
            paying.paid(session.swarmNames().swarm().value(), result.bytesBySource());
        }
        CachedObject object = new CachedObject(result.data(), result.peerBytes(), result.serverBytes(), session.descriptor().live(),
                result.deliveredBytesPerSecond());
        if (cache.put(key, object)) {
            directory.have(key, object.data().length);
        } else {
            directory.dropped(key);
        }
        return object;
    }

    /**
     * Up to {@code limit} of {@code holders} to ask, in order: holders of the complete object
     * whose size agrees with {@code size} (the majority's) first, then pending ones, which relay
     * the object as they fetch it; each group ordered by the peer selector, unhealthy peers out.
     */
    private List<Source> choose(List<SwarmDirectory.Holder> holders, OptionalLong size, long now, int limit) {
        List<Source> complete = holders.stream()
                .filter(h -> !h.pending() && size.isPresent() && h.sizeBytes() == size.getAsLong())
                .map(SwarmDirectory.Holder::source)
                .toList();
        List<Source> pending = holders.stream().filter(SwarmDirectory.Holder::pending).map(SwarmDirectory.Holder::source).toList();
        List<Source> peers = new java.util.ArrayList<>(selector.select(complete, health, now, limit));
        peers.addAll(selector.select(pending, health, now, Math.max(0, limit - peers.size())));
        return peers;
    }

    /** The size most holders announced: a minority claiming another size is not trusted. */
    private static OptionalLong agreedSize(List<SwarmDirectory.Holder> holders) {
        if (holders.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<Long, Integer> votes = new HashMap<>();
        holders.forEach(h -> votes.merge(h.sizeBytes(), 1, Integer::sum));
        return OptionalLong.of(votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }

    private static URI peerUrl(Source peer, SegmentKey key) {
        return URI.create(peer.endpoint() + PeerHandler.PREFIX + key.content() + "/").resolve(Paths.relative(key.path()));
    }

    /** Waits for a download of {@code key} (another request's, or {@link Answer.Arriving#outcome()}). */
    CachedObject await(CompletableFuture<CachedObject> running, SegmentKey key) {
        try {
            return running.get(HARD_LIMIT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentException ae) {
                throw ae;
            }
            throw new AgentException(502, "fetching " + key + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new AgentException(504, "waited too long for another request's download of " + key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(503, "interrupted");
        }
    }
}
