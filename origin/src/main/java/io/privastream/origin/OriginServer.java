package io.privastream.origin;

import io.privastream.core.media.ContentId;
import io.privastream.core.rate.ScavengerUplink;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.HttpServers;
import io.privastream.media.Ffmpeg;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.LivePackager;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public server and manifest server: serves VoD directories and live streams (encoded by
 * its own ffmpeg or pushed by an external encoder over HTTP PUT) as DASH and HLS, with Range,
 * validators and CORS, and describes each content for agents.
 *
 * <p>{@link #start()}, then {@link #contentId(String)} / {@link #baseUrls()}; {@link #close()}
 * stops encoders and listeners. Thread-safe.
 */
public final class OriginServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OriginServer.class);

    private final OriginConfig config;
    private final Server server = HttpServers.create("origin");
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final Map<String, ScavengerUplink> buckets = new HashMap<>();
    private final Map<ContentId, Content> contents = new ConcurrentHashMap<>();
    private final List<LivePackager> packagers = new ArrayList<>();
    private final ScheduledExecutorService housekeeping =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("origin-gc").factory());
    private final Counters counters = new Counters();
    private ContentRegistry registry;
    private Publisher publisher;

    /**
     * Bytes the origin sent, for experiments' server-load figures: body bytes as they leave, so an
     * answer the client cut short counts what was sent of it.
     */
    public static final class Counters {
        private final LongAdder bytes = new LongAdder();
        private final Map<String, LongAdder> byListener = new ConcurrentHashMap<>();

        void served(String listener, long n) {
            bytes.add(n);
            byListener.computeIfAbsent(listener, k -> new LongAdder()).add(n);
        }

        private final LongAdder refused = new LongAdder();

        void refused() {
            refused.increment();
        }

        /**
         * Media requests answered 503 because a listener had {@link OriginConfig#maxTransfers()}
         * running, or all but its {@link OriginConfig#reservedTransfers()} for a requester not in good standing.
         */
        public long transfersRefused() {
            return refused.sum();
        }

        private final LongAdder refusedNotInGoodStanding = new LongAdder();

        void refusedNotInGoodStanding() {
            refusedNotInGoodStanding.increment();
        }

        /**
         * Of {@link #transfersRefused()}, those of requesters not in good standing at a listener
         * that reserves transfers ({@link OriginConfig#reservedTransfers()}): the free-riders (or
         * agents without a ticket) told busy first.
         */
        public long transfersRefusedNotInGoodStanding() {
            return refusedNotInGoodStanding.sum();
        }

        /** Body bytes sent to clients since start, over all listeners. */
        public long bytesServed() {
            return bytes.sum();
        }

        /** Body bytes sent by listener {@code i} (0-based, in {@link OriginServer#baseUrls()} order). */
        public long bytesServedBy(int i) {
            LongAdder a = byListener.get("s" + i);
            return a == null ? 0 : a.sum();
        }
    }

    /** An origin that is not yet listening. */
    public OriginServer(OriginConfig config) {
        this.config = config;
        for (int i = 0; i < config.servers(); i++) {
            String name = "s" + i;
            connectors.add(HttpServers.listen(server, name, config.host(), config.port() == 0 ? 0 : config.port() + i));
            buckets.put(name, new ScavengerUplink(TokenBucket.forLink(config.uploadCapOf(i), Ticker.system()), Ticker.system()));
        }
    }

    /**
     * Opens the registry, listens, and starts the built-in live encoders.
     *
     * @throws java.io.UncheckedIOException if a port is taken or the data directory is unusable
     * @throws io.privastream.media.MediaException if live streams are configured and no ffmpeg runs
     */
    public synchronized OriginServer start() {
        registry = new ContentRegistry(config.dataDir(), new SecureRandom());
        publisher = Publisher.open(config.dataDir());
        config.vod().forEach((title, dir) -> {
            VodContent c = new VodContent(registry.register(title, false), dir);
            contents.put(c.id(), c);
        });
        // The origin's own encoders push with the configured token, or without one with a random
        // one only they know, so that they may reach a listener that is not on loopback.
        String ownToken = config.ingestToken().orElseGet(() -> {
            byte[] secret = new byte[16];
            new java.security.SecureRandom().nextBytes(secret);
            return java.util.HexFormat.of().formatHex(secret);
        });
        HttpServers.start(server, new OriginHandler(this, new Ingest(config.ingestToken(), ownToken),
                request -> buckets.get(request.getConnectionMetaData().getConnector().getName())));
        housekeeping.scheduleWithFixedDelay(this::gc, 5, 5, TimeUnit.SECONDS);
        if (!config.live().isEmpty()) {
            Ffmpeg ffmpeg = FfmpegLocator.locate(config.ffmpeg());
            String token = ownToken + "/";
            for (OriginConfig.LiveStream s : config.live()) {
                liveStreamOrCreate(s.title());
                // To the first listener's own address: a listener bound to one address is not on loopback.
                URI ingest = baseUrls().getFirst().resolve("ingest/" + token + s.title() + "/manifest.mpd");
                packagers.add(s.replay().isPresent()
                        ? LivePackager.replaying(ffmpeg, s.replay().get(), s.ladder(), s.settings(), ingest)
                        : new LivePackager(ffmpeg, s.ladder(), s.settings(), ingest));
            }
        }
        LOG.info("origin listening on {} ({} contents)", baseUrls(), contents.size());
        return this;
    }

    /** The configuration it runs with. */
    public OriginConfig config() {
        return config;
    }

    /** Each listener's base URL, e.g. {@code http://127.0.0.1:8080/} (loopback when bound to all addresses). */
    public List<URI> baseUrls() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return connectors.stream().map(c -> URI.create("http://" + host + ":" + HttpServers.port(c) + "/")).toList();
    }

    /** The content id of {@code title}, once registered. */
    public Optional<ContentId> contentId(String title) {
        return registry.byTitle(title).map(ContentRegistry.Entry::contentId);
    }

    /** The descriptor of {@code id} as an agent would get it from the first listener. */
    public Optional<ContentDescriptor> descriptor(ContentId id) {
        return content(id).flatMap(c -> c.descriptor(bases(id, Optional.empty()))).map(publisher::describe);
    }

    /** Bytes served so far, over all listeners. */
    public Counters counters() {
        return counters;
    }

    /** The live packagers this origin runs (for tests and status). */
    public List<LivePackager> packagers() {
        return List.copyOf(packagers);
    }

    /** Signs what this origin serves. */
    Publisher publisher() {
        return publisher;
    }

    /** The publisher's Ed25519 public key as descriptors carry it (base64 X.509). */
    public String publisherKey() {
        return publisher.publicKey();
    }

    Optional<Content> content(ContentId id) {
        return Optional.ofNullable(contents.get(id));
    }

    List<OriginHandler.Listed> listing() {
        return OriginHandler.listing(List.copyOf(contents.values()));
    }

    Optional<LiveContent> liveStream(String title) {
        return registry.byTitle(title).filter(ContentRegistry.Entry::live).map(e -> contents.get(e.contentId()))
                .filter(LiveContent.class::isInstance).map(LiveContent.class::cast);
    }

    synchronized LiveContent liveStreamOrCreate(String title) {
        Optional<LiveContent> existing = liveStream(title);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (registry.byTitle(title).filter(e -> !e.live()).isPresent()) {
            throw new OriginException(409, "'" + title + "' is an on-demand title; live streams need another name");
        }
        LiveContent c = new LiveContent(registry.register(title, true));
        contents.put(c.id(), c);
        LOG.info("live stream '{}' published as content {}", title, c.id());
        return c;
    }

    /** Base URLs of {@code id} on every listener, as the requester addressed this origin. */
    List<URI> serverBases(Request request, ContentId id) {
        return bases(id, Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST)));
    }

    private List<URI> bases(ContentId id, Optional<String> hostHeader) {
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < connectors.size(); i++) {
            URI base;
            if (!config.publicUrls().isEmpty()) {
                base = config.publicUrls().get(i);
            } else {
                String host = hostHeader.map(OriginServer::hostOnly).orElse(baseUrls().get(i).getHost());
                base = URI.create("http://" + host + ":" + HttpServers.port(connectors.get(i)) + "/");
            }
            String s = base.toString();
            out.add(URI.create((s.endsWith("/") ? s : s + "/") + "content/" + id + "/"));
        }
        return out;
    }

    private static String hostOnly(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 ? h.substring(0, colon) : h;
    }

    private void gc() {
        try {
            Instant now = Instant.now();
            for (Content c : contents.values()) {
                if (c instanceof LiveContent live) {
                    int n = live.gc(now);
                    if (n > 0) {
                        LOG.debug("stream {}: dropped {} stale segments", live.entry().title(), n);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("origin housekeeping failed", e);
        }
    }

    /** Waits until {@code title} is live and its descriptor is available; for tests and the demo. */
    public ContentId awaitLive(String title, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<ContentId> id = contentId(title);
            if (id.isPresent() && descriptor(id.get()).isPresent()) {
                return id.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("live stream '" + title + "' did not publish a manifest within " + timeout);
    }

    /** The data directory in use. */
    public Path dataDir() {
        return config.dataDir();
    }

    @Override
    public synchronized void close() {
        packagers.forEach(LivePackager::close);
        housekeeping.shutdownNow();
        HttpServers.stopQuietly(server);
    }
}
