package io.privastream.agent;

import io.privastream.core.download.DeadlinePolicy;
import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.DownloadTuning;
import io.privastream.core.download.PeerSelector;
import io.privastream.core.rate.Bandwidth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an agent runs. Build with {@link #builder()}; every setting has a default.
 *
 * @param playerHost       address the player-facing proxy binds to (default {@code 127.0.0.1}:
 *                         players run on the same machine)
 * @param playerPort       player-facing port (default 8800; 0 = any free port)
 * @param peerHost         address the peer-facing server binds to (default {@code 0.0.0.0})
 * @param peerPort         peer-facing port (default 0 = any free port)
 * @param advertisedHost   host other agents use to reach this one; default: {@code peerHost} when
 *                         it is a specific address, else this machine's first non-loopback IPv4
 *                         address, else {@code 127.0.0.1}
 * @param advertisedPort   port other agents use to reach this one; default 0 = the peer port
 *                         (set it behind a NAT that forwards another port)
 * @param manifestServers  base URLs of manifest servers answering
 *                         {@code GET content/{id}/descriptor.json} (e.g. {@code http://origin:8080/});
 *                         may be empty when only third-party {@link #sources()} are played
 * @param tracker          tracker base URL; empty = no swarm, every byte from servers
 * @param sources          third-party manifest URLs (any DASH/HLS origin) to offer at start-up
 * @param downloadCap      cap on all bytes this agent receives (default unlimited)
 * @param uploadCap        cap on all bytes this agent sends to peers (default unlimited)
 * @param uploadEnabled    serve other agents at all (default true; off for metered links)
 * @param liveWindow       how long live segments stay cached (default 30 s)
 * @param cacheBudgetBytes most bytes cached in all (default 512 MiB)
 * @param deadlinePolicy   {@code inferred} (default) or {@code fixed:DURATION}
 * @param downloadStrategy a {@link DownloadStrategy} name (default {@code multi-source})
 * @param maxSources       sources used at once by {@code multi-source} (k; default 4)
 * @param peerSelector     a {@link PeerSelector} name (default {@code random})
 * @param maxPeers         holders asked of the tracker per object (default 8)
 * @param announceInterval how long announcements are batched (default 100 ms)
 * @param lookupTimeout    longest wait for the tracker's list of holders (default 500 ms; past it
 *                         the object comes from servers)
 * @param requestTimeout   longest wait for an answer's headers from a peer or server (default 4 s)
 * @param addedLatency     emulated network delay: each transfer to a peer or server waits this
 *                         long before its request leaves (default zero; experiments use it to
 *                         emulate wide-area round trips on loopback)
 * @param liveLeadSegments live: the player is shown the live edge this many segments late while
 *                         the agent fetches those segments ahead of it (0-4, default 0 = off;
 *                         see {@link io.privastream.core.download.LivePrefetch}); DASH only
 * @param livePhase        live: the largest extra hold-back of the edge, in segment durations,
 *                         [0, 1) (default 0 = off); the agent draws its own phase once, uniform
 *                         below it, so that the players of a swarm do not all ask for a new segment
 *                         at the same instant (see {@link io.privastream.core.download.LivePrefetch});
 *                         DASH only
 * @param unverifiedPeers  use peers for content whose publisher signs no digests (descriptor
 *                         without {@code publisherKey}, e.g. a third-party origin), taking their
 *                         bytes unchecked (default false: such content comes from servers only)
 * @param incentive        an {@link io.privastream.core.incentive.IncentivePolicy} name: {@code tokens}
 *                         (default: k from this agent's standing at the ledger, busy peers serve
 *                         the best-standing first, free-riders use one peer) or {@code none}
 * @param privacy          link encryption, keys, direct or relayed peer access, decoys
 *                         (default {@link Privacy#defaults()}: encrypted links, direct access)
 * @param tuning           download timing knobs
 * @param seed             seed of the agent's random choices (default: random per run)
 */
public record AgentConfig(
        String playerHost,
        int playerPort,
        String peerHost,
        int peerPort,
        Optional<String> advertisedHost,
        int advertisedPort,
        List<URI> manifestServers,
        Optional<URI> tracker,
        List<URI> sources,
        Bandwidth downloadCap,
        Bandwidth uploadCap,
        boolean uploadEnabled,
        Duration liveWindow,
        long cacheBudgetBytes,
        String deadlinePolicy,
        String downloadStrategy,
        int maxSources,
        String peerSelector,
        int maxPeers,
        Duration announceInterval,
        Duration lookupTimeout,
        Duration requestTimeout,
        Duration addedLatency,
        int liveLeadSegments,
        double livePhase,
        boolean unverifiedPeers,
        String incentive,
        Privacy privacy,
        DownloadTuning tuning,
        long seed) {

    /** @throws IllegalArgumentException quoting the bad setting */
    public AgentConfig {
        checkPort("player port", playerPort);
        checkPort("peer port", peerPort);
        checkPort("advertised port", advertisedPort);
        manifestServers = List.copyOf(manifestServers);
        sources = List.copyOf(sources);
        for (URI u : manifestServers) {
            if (!u.isAbsolute() || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("manifest server must be an absolute http(s) URL, got '" + u + "'");
            }
        }
        tracker.ifPresent(t -> {
            if (!t.isAbsolute() || !(t.getScheme().equals("http") || t.getScheme().equals("https"))) {
                throw new IllegalArgumentException("tracker must be an absolute http(s) URL, got '" + t + "'");
            }
        });
        for (URI u : sources) {
            if (!u.isAbsolute() || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("source must be an absolute http(s) manifest URL, got '" + u + "'");
            }
        }
        if (liveWindow.isNegative() || liveWindow.isZero()) {
            throw new IllegalArgumentException("live window must be > 0, got " + liveWindow);
        }
        if (cacheBudgetBytes < 1024 * 1024) {
            throw new IllegalArgumentException("cache budget must be at least 1 MiB, got " + cacheBudgetBytes + " bytes");
        }
        DeadlinePolicy.parse(deadlinePolicy);
        if (maxSources < 1 || maxSources > 16) {
            throw new IllegalArgumentException("max sources must be 1-16, got " + maxSources);
        }
        DownloadStrategy.byName(downloadStrategy, tuning, maxSources);
        if (!PeerSelector.names().contains(peerSelector)) {
            throw new IllegalArgumentException("unknown peer selector '" + peerSelector + "'; known: " + PeerSelector.names());
        }
        if (maxPeers < 1 || maxPeers > 50) {
            throw new IllegalArgumentException("max peers must be 1-50, got " + maxPeers);
        }
        for (Duration d : List.of(announceInterval, lookupTimeout, requestTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("agent timings must be > 0, got " + d);
            }
        }
        if (addedLatency == null || addedLatency.isNegative() || addedLatency.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("added latency must be 0-10 s, got " + addedLatency);
        }
        if (liveLeadSegments < 0 || liveLeadSegments > 4) {
            throw new IllegalArgumentException("live lead must be 0-4 segments, got " + liveLeadSegments);
        }
        io.privastream.core.download.LivePrefetch.checkPhase(livePhase);
        io.privastream.core.incentive.IncentivePolicy.byName(incentive);
        if (privacy == null) {
            throw new IllegalArgumentException("privacy settings are required (Privacy.defaults())");
        }
        if (tracker.isPresent() && tracker.get().getScheme().equals("https") && privacy.trackerPin().isEmpty()) {
            throw new IllegalArgumentException("tracker " + tracker.get() + " is reached over an encrypted link (https): give its key (--tracker-pin sha256:..., printed by the tracker at start)");
        }
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0-65535, got " + port);
        }
    }

    /** A builder holding the defaults listed on the record. */
    public static Builder builder() {
        return new Builder();
    }

    /** This configuration as a builder, to change a few settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.playerHost = playerHost;
        b.playerPort = playerPort;
        b.peerHost = peerHost;
        b.peerPort = peerPort;
        b.advertisedHost = advertisedHost;
        b.advertisedPort = advertisedPort;
        b.manifestServers = new ArrayList<>(manifestServers);
        b.tracker = tracker;
        b.sources = new ArrayList<>(sources);
        b.downloadCap = downloadCap;
        b.uploadCap = uploadCap;
        b.uploadEnabled = uploadEnabled;
        b.liveWindow = liveWindow;
        b.cacheBudgetBytes = cacheBudgetBytes;
        b.deadlinePolicy = deadlinePolicy;
        b.downloadStrategy = downloadStrategy;
        b.maxSources = maxSources;
        b.peerSelector = peerSelector;
        b.maxPeers = maxPeers;
        b.announceInterval = announceInterval;
        b.lookupTimeout = lookupTimeout;
        b.requestTimeout = requestTimeout;
        b.addedLatency = addedLatency;
        b.liveLeadSegments = liveLeadSegments;
        b.livePhase = livePhase;
        b.unverifiedPeers = unverifiedPeers;
        b.incentive = incentive;
        b.privacy = privacy;
        b.tuning = tuning;
        b.seed = seed;
        return b;
    }

    /** Builds an {@link AgentConfig}; not thread-safe. */
    public static final class Builder {
        private String playerHost = "127.0.0.1";
        private int playerPort = 8800;
        private String peerHost = "0.0.0.0";
        private int peerPort;
        private Optional<String> advertisedHost = Optional.empty();
        private int advertisedPort;
        private List<URI> manifestServers = new ArrayList<>();
        private Optional<URI> tracker = Optional.empty();
        private List<URI> sources = new ArrayList<>();
        private Bandwidth downloadCap = Bandwidth.UNLIMITED;
        private Bandwidth uploadCap = Bandwidth.UNLIMITED;
        private boolean uploadEnabled = true;
        private Duration liveWindow = Duration.ofSeconds(30);
        private long cacheBudgetBytes = 512L * 1024 * 1024;
        private String deadlinePolicy = "inferred";
        private String downloadStrategy = "multi-source";
        private int maxSources = DownloadStrategy.DEFAULT_MAX_SOURCES;
        private String peerSelector = "random";
        private int maxPeers = 8;
        private Duration announceInterval = Duration.ofMillis(100);
        private Duration lookupTimeout = Duration.ofMillis(500);
        private Duration requestTimeout = Duration.ofSeconds(4);
        private Duration addedLatency = Duration.ZERO;
        private int liveLeadSegments;
        private double livePhase;
        private boolean unverifiedPeers;
        private String incentive = "tokens";
        private Privacy privacy = Privacy.defaults();
        private DownloadTuning tuning = DownloadTuning.defaults();
        private long seed = new java.util.SplittableRandom().nextLong();

        private Builder() {
        }

        public Builder playerHost(String host) { this.playerHost = host; return this; }
        public Builder playerPort(int port) { this.playerPort = port; return this; }
        public Builder peerHost(String host) { this.peerHost = host; return this; }
        public Builder peerPort(int port) { this.peerPort = port; return this; }
        public Builder advertisedHost(String host) { this.advertisedHost = Optional.of(host); return this; }
        public Builder advertisedPort(int port) { this.advertisedPort = port; return this; }
        public Builder manifestServer(URI url) { this.manifestServers.add(withSlash(url)); return this; }
        public Builder tracker(URI url) { this.tracker = Optional.of(withSlash(url)); return this; }
        public Builder source(URI manifestUrl) { this.sources.add(manifestUrl); return this; }
        public Builder downloadCap(Bandwidth cap) { this.downloadCap = cap; return this; }
        public Builder uploadCap(Bandwidth cap) { this.uploadCap = cap; return this; }
        public Builder uploadEnabled(boolean enabled) { this.uploadEnabled = enabled; return this; }
        public Builder liveWindow(Duration window) { this.liveWindow = window; return this; }
        public Builder cacheBudgetBytes(long bytes) { this.cacheBudgetBytes = bytes; return this; }
        public Builder deadlinePolicy(String policy) { this.deadlinePolicy = policy; return this; }
        public Builder downloadStrategy(String name) { this.downloadStrategy = name; return this; }
        public Builder maxSources(int k) { this.maxSources = k; return this; }
        public Builder peerSelector(String name) { this.peerSelector = name; return this; }
        public Builder maxPeers(int n) { this.maxPeers = n; return this; }
        public Builder announceInterval(Duration d) { this.announceInterval = d; return this; }
        public Builder lookupTimeout(Duration d) { this.lookupTimeout = d; return this; }
        public Builder requestTimeout(Duration d) { this.requestTimeout = d; return this; }
        public Builder addedLatency(Duration d) { this.addedLatency = d; return this; }
        public Builder liveLeadSegments(int n) { this.liveLeadSegments = n; return this; }
        public Builder livePhase(double share) { this.livePhase = share; return this; }
        public Builder unverifiedPeers(boolean allow) { this.unverifiedPeers = allow; return this; }
        public Builder incentive(String policy) { this.incentive = policy; return this; }
        public Builder privacy(Privacy p) { this.privacy = p; return this; }
        public Builder tuning(DownloadTuning t) { this.tuning = t; return this; }
        public Builder seed(long s) { this.seed = s; return this; }

        /** @throws IllegalArgumentException quoting the bad setting */
        public AgentConfig build() {
            return new AgentConfig(playerHost, playerPort, peerHost, peerPort, advertisedHost, advertisedPort, manifestServers, tracker, sources,
                    downloadCap, uploadCap, uploadEnabled, liveWindow, cacheBudgetBytes, deadlinePolicy, downloadStrategy,
                    maxSources, peerSelector, maxPeers, announceInterval, lookupTimeout, requestTimeout, addedLatency,
                    liveLeadSegments, livePhase, unverifiedPeers, incentive, privacy, tuning, seed);
        }

        private static URI withSlash(URI u) {
            String s = u.toString();
            return s.endsWith("/") ? u : URI.create(s + "/");
        }
    }
}
