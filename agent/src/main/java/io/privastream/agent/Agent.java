package io.privastream.agent;

import io.privastream.core.cache.CacheBook;
import io.privastream.core.download.DeadlinePolicy;
import io.privastream.core.download.DecoyPlan;
import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.download.LivePrefetch;
import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.FetchTrace;
import io.privastream.core.download.PeerHealth;
import io.privastream.core.download.PeerSelector;
import io.privastream.core.download.ThroughputTracker;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.rate.ScavengerUplink;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.HttpServers;
import io.privastream.link.LinkProtocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A viewer's agent: a local HTTP proxy for an unmodified player that fetches each object from
 * its cache, from peers holding it, or from the public servers, and serves what it holds to other
 * agents.
 *
 * <p>Create with a config, {@link #start()}, point a player at {@link #playerUrl(ContentId, String)},
 * {@link #close()} when done. Thread-safe.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final PeerId peerId;
    private final Ticker ticker = Ticker.system();
    private final HttpClient http;
    private final PeerLinks links;
    private final Counters counters = new Counters();
    private final Server playerServer;
    private final Server peerServer;
    private final ServerConnector playerConnector;
    private final ServerConnector peerConnector;
    private final ScheduledExecutorService housekeeping;
    private ObjectCache cache;
    private SwarmDirectory directory;
    private ContentCatalog catalog;
    private ThirdPartySources sources;
    private final DirectoryFactory directories;
    private volatile boolean started;
    private SegmentFetcher fetcher;
    private java.util.function.Consumer<FetchTrace.Record> fetchLog;

    /** Makes the swarm directory once the agent knows its endpoint. */
    @FunctionalInterface
    interface DirectoryFactory {
        SwarmDirectory create(AgentConfig config, PeerId self, String endpoint, PeerLinks links, Ticker ticker);
    }

    /** An agent that is not yet listening. */
    public Agent(AgentConfig config) {
        this(config, Directories::forConfig);
    }

    /** An agent whose swarm directory comes from {@code directories} (tests wire swarms directly). */
    Agent(AgentConfig config, DirectoryFactory directories) {
        this.config = config;
        this.directories = directories;
        SplittableRandom random = new SplittableRandom(config.seed());
        this.peerId = PeerId.random(random);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.links = new PeerLinks(config.privacy(), config.peerHost(), Duration.ofSeconds(2), System::currentTimeMillis);
        this.playerServer = HttpServers.create("agent-player");
        this.peerServer = HttpServers.create("agent-peer");
        this.playerConnector = HttpServers.listen(playerServer, "player", config.playerHost(), config.playerPort());
        this.peerConnector = HttpServers.listen(peerServer, "peer", config.peerHost(), config.peerPort(), links.serverTls());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("agent-housekeeping").factory());
    }

    /**
     * Starts listening and joins nothing yet (swarms are joined when a player first asks for a content).
     *
     * @throws java.io.UncheckedIOException if a port is taken
     */
    public synchronized Agent start() {
        if (started) {
            return this;
        }
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        TokenBucket downloadBucket = TokenBucket.forLink(config.downloadCap(), ticker);
        TokenBucket uploadBucket = TokenBucket.forLink(config.uploadCap(), ticker);
        ThroughputTracker throughput = ThroughputTracker.defaults();
        PeerHealth health = PeerHealth.defaults();
        HttpServers.start(peerServer, new PeerHandlerHolder());
        int port = config.advertisedPort() > 0 ? config.advertisedPort() : HttpServers.port(peerConnector);
        String endpoint = links.scheme() + "://" + Hosts.advertised(config) + ":" + port;
        directory = directories.create(config, peerId, endpoint, links, ticker);
        cache = new ObjectCache(new CacheBook(config.liveWindow(), config.cacheBudgetBytes()), ticker, directory::dropped);
        catalog = new ContentCatalog(http, config.manifestServers(), config.requestTimeout(), ticker);
        DownloadStrategy[] byK = new DownloadStrategy[config.maxSources() + 1];
        for (int k = 1; k <= config.maxSources(); k++) {
            byK[k] = DownloadStrategy.byName(config.downloadStrategy(), config.tuning(), k);
        }
        SegmentFetcher fetcher = this.fetcher = new SegmentFetcher(cache, directory, k -> byK[k < 1 ? config.maxSources() : Math.min(k, config.maxSources())],
                DeadlinePolicy.parse(config.deadlinePolicy()),
                PeerSelector.byName(config.peerSelector(), throughput, random.split()),
                health, throughput, downloadBucket, http, links.peers(), ticker, counters, config.maxPeers(), config.requestTimeout(),
                config.addedLatency(), config.unverifiedPeers());
        IncentivePolicy policy = IncentivePolicy.byName(config.incentive());
        // Only a tracker reached over an encrypted link knows which key asks, so only it issues tickets.
        boolean tickets = config.tracker().filter(t -> t.getScheme().equals("https")).isPresent();
        Incentives incentives = new Incentives(policy, config.uploadEnabled(), config.maxSources(), links.identity().pin().toString(), directory,
                ticker::nanos, LedgerPolicy.defaults().allowanceBytes(), tickets ? java.util.Optional.of(links.identity()) : java.util.Optional.empty(),
                System::currentTimeMillis);
        Receipts receipts = new Receipts(links.identity(), links, directory, System::currentTimeMillis, random.split(), config.requestTimeout());
        if (config.tracker().isPresent()) {
            fetcher.incentives(incentives, receipts);
            housekeeping.scheduleWithFixedDelay(() -> guard("redeeming receipts", receipts::flush), 1, 1, TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> guard("refreshing standing", incentives::refresh), 0, 5, TimeUnit.SECONDS);
        }
        // Without an incentive policy every requester ranks the same: no queue, as many uploads as come.
        UploadQueue queue = new UploadQueue(policy.uploadSlots());
        ((PeerHandlerHolder) peerServer.getHandler()).set(new PeerHandler(cache, fetcher::relay, new ScavengerUplink(uploadBucket, ticker), config.uploadEnabled(), counters,
                receipts, incentives, queue));
        ManifestProxy manifests = new ManifestProxy(http, config.requestTimeout());
        // Decoys go in the background at servers always, at peers only through the relay (see
        // SegmentFetcher.decoysInBackground).
        boolean background = config.privacy().access() == Privacy.Access.RELAYED;
        fetcher.decoysInBackground(DownloadStrategy.byName(config.downloadStrategy(), config.tuning().forBackground(background), config.maxSources()),
                background);
        Decoys decoys = new Decoys(new DecoyPlan(config.privacy().decoysPerQuery(), random.split()), catalog, manifests, fetcher, directory,
                ticker, Clock.systemUTC(), background, counters);
        fetcher.onLookup(decoys::realLookup);
        fetcher.fetchLog(fetchLog);
        sources = new ThirdPartySources(http, config.requestTimeout());
        HttpServers.start(playerServer, new PlayerHandler(catalog, manifests, fetcher, directory, counters, this::stats,
                TokenBucket.unlimited(ticker), this::openSession,
                new LivePrefetcher(livePlan(config), fetcher, ticker, Clock.systemUTC())));
        for (URI source : config.sources()) {
            try {
                LOG.info("source {} plays at {}", source, openSession(source));
            } catch (AgentException e) {
                LOG.error("source {} cannot be played: {}", source, e.getMessage());
            }
        }
        housekeeping.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
        started = true;
        LOG.info("agent {} listening for players on {}, for peers on {} (endpoint {}, {}), tracker {}", peerId, playerBase(),
                HttpServers.port(peerConnector), endpoint, links.serverTls().map(c -> LinkProtocol.of(c).label() + ", key " + links.identity().pin()).orElse("plain HTTP"),
                config.tracker().map(URI::toString).orElse("none"));
        return this;
    }

    /** This agent's id in swarms. */
    public PeerId peerId() {
        return peerId;
    }

    /** The configuration it runs with. */
    public AgentConfig config() {
        return config;
    }

    /** The player-facing base URL, e.g. {@code http://127.0.0.1:8800/}. */
    public URI playerBase() {
        String host = config.playerHost().equals("0.0.0.0") ? "127.0.0.1" : config.playerHost();
        return URI.create("http://" + host + ":" + HttpServers.port(playerConnector) + "/");
    }

    /** The URL a player opens for {@code manifestPath} (e.g. {@code manifest.mpd}) of {@code content}. */
    public URI playerUrl(ContentId content, String manifestPath) {
        return playerBase().resolve(content + "/" + manifestPath);
    }

    /**
     * The IP addresses other agents' requests came from lately (at most 256): what this agent,
     * serving, learns of who asks. In relayed access it is the relays'.
     */
    List<String> observedRequesterAddresses() {
        PeerHandler h = ((PeerHandlerHolder) peerServer.getHandler()).handler;
        return h == null ? List.of() : h.observedAddresses();
    }

    /** The key this agent proves on its links. */
    public io.privastream.link.Pin pin() {
        return links.identity().pin();
    }

    /** The port other agents connect to. */
    public int peerPort() {
        return HttpServers.port(peerConnector);
    }

    /**
     * Offers the DASH/HLS manifest at {@code manifestUrl} (any standard origin) to players.
     *
     * @return the URL a player opens to play it through this agent
     * @throws IllegalArgumentException when the manifest cannot be fetched or read (the message says why)
     */
    public URI open(URI manifestUrl) {
        try {
            return openSession(manifestUrl);
        } catch (AgentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private URI openSession(URI manifestUrl) {
        ContentSession session = sources.probe(manifestUrl);
        catalog.pin(session);
        var d = session.descriptor();
        return playerUrl(d.contentId(), d.dashManifest().or(d::hlsManifest).orElseThrow());
    }

    /**
     * Hands {@code log} one record per real download as it ends (decoys are left out): the
     * object, its timing against its deadline, its bytes from peers and servers, and what each
     * transfer did ({@link FetchTrace}). Experiments write them as {@code fetches.csv} in the
     * simulator's format. Called on download threads, so {@code log} must be thread-safe;
     * {@code null} stops it. May be called before or after {@link #start()}.
     *
     * @return this agent
     */
    public synchronized Agent fetchLog(java.util.function.Consumer<FetchTrace.Record> log) {
        this.fetchLog = log;
        if (fetcher != null) {
            fetcher.fetchLog(log);
        }
        return this;
    }

    /** Counters since start. */
    public AgentStats stats() {
        return counters.snapshot(cache);
    }

    /** Contents this agent has served or can serve. */
    public List<ContentId> contents() {
        return catalog.known();
    }

    /**
     * The live lead and this agent's phase, drawn once from its seed (a generator of its own, so
     * that the other seeded choices stay as they were).
     */
    private static LivePrefetch livePlan(AgentConfig config) {
        double phase = LivePrefetch.drawPhase(config.livePhase(), new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L));
        if (phase > 0) {
            LOG.info("live edge shown {} segment durations late (phase; lead {})", String.format("%.2f", phase), config.liveLeadSegments());
        }
        return new LivePrefetch(config.liveLeadSegments(), phase);
    }

    private static void guard(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
        }
    }

    private void expire() {
        try {
            cache.expire();
        } catch (RuntimeException e) {
            LOG.warn("cache expiry failed", e);
        }
    }

    /** Leaves the swarms (best effort), stops listening and releases threads. */
    @Override
    public synchronized void close() {
        housekeeping.shutdownNow();
        if (directory != null) {
            directory.close();
        }
        HttpServers.stopQuietly(playerServer);
        HttpServers.stopQuietly(peerServer);
        http.close();
        links.close();
        started = false;
    }

    /** Lets the peer server start before the cache exists (its port is part of the endpoint). */
    private static final class PeerHandlerHolder extends org.eclipse.jetty.server.Handler.Abstract {
        private volatile PeerHandler handler;

        void set(PeerHandler handler) {
            this.handler = handler;
        }

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                org.eclipse.jetty.util.Callback callback) {
            PeerHandler h = handler;
            if (h == null) {
                io.privastream.http.Responses.error(response, callback, 503, "agent starting");
                return true;
            }
            return h.handle(request, response, callback);
        }
    }
}
