package io.privastream.experiments.cluster;

import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.agent.Privacy;
import io.privastream.relay.RelayConfig;
import io.privastream.relay.RelayServer;
import io.privastream.tracker.AddressMode;
import io.privastream.core.media.ContentId;
import io.privastream.core.rate.Bandwidth;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.origin.OriginConfig;
import io.privastream.origin.OriginServer;
import io.privastream.player.HeadlessPlayer;
import io.privastream.player.PlayerConfig;
import io.privastream.protocol.ContentDescriptor;
import io.privastream.tracker.TrackerConfig;
import io.privastream.tracker.TrackerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The whole system in one JVM on loopback: an origin encoding a live stream with ffmpeg, a
 * tracker, and viewers (agent + headless player) added at will. Every port is chosen by the OS.
 *
 * <p>Used by the demo, the benchmarks, the experiments and the system tests. Thread-safe.
 */
public final class LocalCluster implements AutoCloseable {
    /** The live stream's title on the origin: distinctive, so a capture test can tell it never crosses a link in clear. */
    public static final String TITLE = "town-hall-live";

    private final Settings settings;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final Path dataDir;
    private OriginServer origin;
    private TrackerServer tracker;
    private RelayServer relay;
    private ContentId content;

    /**
     * What to run.
     *
     * @param ladder          renditions of the live stream
     * @param packager        segment duration and window
     * @param originServers   listeners of the origin (public servers)
     * @param originUploadCap cap on each origin listener's upload
     * @param originMaxTransfers media answers each origin listener sends at once, more are told
     *                        503 busy (the origin's {@code --max-transfers}); 0 = no limit (default)
     * @param originReservedTransfers of those, how many only agents in good standing at the
     *                        tracker's ledger may take (the origin's {@code --reserved-transfers},
     *                        with the tracker as {@code --standing-issuer}); 0 = none (default)
     * @param withTracker     run a tracker (without one, agents fetch everything from servers)
     * @param ffmpeg          which ffmpeg: {@code auto}, {@code bundled}, {@code system} or a path
     * @param replay          a mezzanine ({@link io.privastream.media.Mezzanine}) to replay live
     *                        instead of encoding the test source (same bytes every run)
     * @param trackerPolicy   the tracker's swarm timings and bounds
     * @param privacy         {@link PrivacyLevel}: links, addresses and peer access of the tracker
     *                        and every viewer (default {@link PrivacyLevel#ENCRYPTED})
     * @param coverContents   other live channels the origin also streams (titles
     *                        {@code cover-1...}), nobody's real choice: what decoys go to (default 0)
     * @param host            the address the origin, tracker and relay listen on (default
     *                        {@code 127.0.0.1}; the netns experiment gives its bridge's)
     */
    public record Settings(Ladder ladder, PackagerSettings packager, int originServers, Bandwidth originUploadCap, int originMaxTransfers,
            int originReservedTransfers, boolean withTracker,
            String ffmpeg, Optional<Path> replay, SwarmPolicy trackerPolicy, PrivacyLevel privacy, int coverContents, String host) {
        /** The standard ladder, 2 s segments, one uncapped server, a tracker, the bundled ffmpeg, live encoding, encrypted links. */
        public static Settings defaults() {
            return new Settings(Ladder.standard(), PackagerSettings.defaults(), 1, Bandwidth.UNLIMITED, 0, 0, true, "auto", Optional.empty(),
                    SwarmPolicy.defaults(), PrivacyLevel.ENCRYPTED, 0, "127.0.0.1");
        }

        public Settings withCoverContents(int n) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy, n, host);
        }

        public Settings withPrivacy(PrivacyLevel p) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, p, coverContents, host);
        }

        public Settings withLadder(Ladder l) {
            return new Settings(l, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy, coverContents, host);
        }

        public Settings withPackager(PackagerSettings p) {
            return new Settings(ladder, p, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy, coverContents, host);
        }

        public Settings withOrigin(int servers, Bandwidth uploadCap) {
            return new Settings(ladder, packager, servers, uploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy, coverContents, host);
        }

        /** Each origin listener sends at most {@code maxTransfers} media answers at once (0 = no limit). */
        public Settings withOriginMaxTransfers(int maxTransfers) {
            return new Settings(ladder, packager, originServers, originUploadCap, maxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy,
                    coverContents, host);
        }

        /** Of each listener's transfers, {@code reserved} only for agents in good standing at the cluster's tracker. */
        public Settings withOriginReservedTransfers(int reserved) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, reserved, withTracker, ffmpeg, replay, trackerPolicy,
                    privacy, coverContents, host);
        }

        public Settings withTracker(boolean on) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, on, ffmpeg, replay, trackerPolicy, privacy, coverContents, host);
        }

        public Settings withFfmpeg(String choice) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, choice, replay, trackerPolicy, privacy, coverContents, host);
        }

        /** Replaying {@code mezzanine} instead of encoding live. */
        public Settings withReplay(Path mezzanine) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, Optional.of(mezzanine), trackerPolicy, privacy, coverContents, host);
        }

        /** The origin, tracker and relay listen on {@code address} instead of {@code 127.0.0.1}. */
        public Settings withHost(String address) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, trackerPolicy, privacy,
                    coverContents, address);
        }

        public Settings withTrackerPolicy(SwarmPolicy policy) {
            return new Settings(ladder, packager, originServers, originUploadCap, originMaxTransfers, originReservedTransfers, withTracker, ffmpeg, replay, policy, privacy, coverContents, host);
        }
    }

    public LocalCluster(Settings settings) {
        this.settings = settings;
        this.dataDir = io.privastream.experiments.TempDirs.create("privastream-cluster-");
    }

    /**
     * Starts the origin (and its live encoder) and the tracker, and waits until the stream has
     * published a manifest.
     *
     * @throws IllegalStateException if the stream does not start within {@code timeout}
     */
    public LocalCluster start(Duration timeout) throws InterruptedException {
        // The tracker first: an origin that reserves transfers trusts its ledger's tickets by its key.
        if (settings.withTracker()) {
            try {
                boolean off = settings.privacy() == PrivacyLevel.OFF;
                tracker = new TrackerServer(TrackerConfig.builder().host(settings.host()).port(0).policy(settings.trackerPolicy())
                        .tls(!off).addresses(off ? AddressMode.CLEAR : AddressMode.SEALED).build()).start();
                relay = new RelayServer(RelayConfig.on(settings.host(), 0), tracker.sealer()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the tracker", e);
            }
        }
        OriginConfig.Builder ob = OriginConfig.builder().host(settings.host()).port(0).servers(settings.originServers())
                .uploadCap(settings.originUploadCap()).maxTransfers(settings.originMaxTransfers()).dataDir(dataDir).ffmpeg(settings.ffmpeg());
        if (settings.originReservedTransfers() > 0) {
            if (tracker == null) {
                throw new IllegalArgumentException("reserved transfers need the tracker whose ledger says who is in good standing");
            }
            ob.reservedTransfers(settings.originReservedTransfers()).standingIssuer(tracker.pin().toString());
        }
        List<String> titles = new java.util.ArrayList<>(List.of(TITLE));
        for (int i = 1; i <= settings.coverContents(); i++) {
            titles.add("cover-" + i);
        }
        for (String title : titles) {
            settings.replay().ifPresentOrElse(m -> ob.replay(title, settings.ladder(), settings.packager(), m),
                    () -> ob.live(title, settings.ladder(), settings.packager()));
        }
        origin = new OriginServer(ob.build()).start();
        content = origin.awaitLive(TITLE, timeout);
        return this;
    }

    /** Waits until the live stream's window holds at least {@code segments} media segments. */
    public void awaitSegments(int segments, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (availableSegments() >= segments) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the live stream did not reach " + segments + " segments within " + timeout);
    }

    private int availableSegments() {
        try {
            String playlist = new String(java.net.URI.create(origin.baseUrls().getFirst() + "content/" + content + "/media_0.m3u8")
                    .toURL().openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return (int) playlist.lines().filter(l -> l.startsWith("#EXTINF")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Adds a viewer: a new agent (configured by {@code agent}, on top of the cluster's origin and
     * tracker) and a player playing the DASH manifest through it, started at once.
     *
     * @param name   the viewer's name
     * @param agent  adjusts the agent's configuration (caps, strategy...)
     * @param player the player's configuration
     */
    public Viewer addViewer(String name, Consumer<AgentConfig.Builder> agent, PlayerConfig player) {
        return addViewer(name, agent, player, a -> { });
    }

    /**
     * As {@link #addViewer(String, Consumer, PlayerConfig)}, handing the started agent to
     * {@code beforePlay} before its player starts (to attach a fetch log, say).
     */
    public Viewer addViewer(String name, Consumer<AgentConfig.Builder> agent, PlayerConfig player, Consumer<Agent> beforePlay) {
        AgentConfig.Builder b = AgentConfig.builder().playerPort(0).peerHost("127.0.0.1").advertisedHost("127.0.0.1")
                .manifestServer(origin.baseUrls().getFirst()).seed(name.hashCode() * 31L + viewers.size());
        if (tracker != null) {
            b.tracker(tracker.baseUrl()).privacy(privacy(settings.privacy()));
        } else if (settings.privacy() == PrivacyLevel.OFF) {
            b.privacy(Privacy.off());
        }
        agent.accept(b);
        Agent a = new Agent(b.build()).start();
        beforePlay.accept(a);
        URI url = a.playerUrl(content, "manifest.mpd");
        Viewer v = new Viewer(name, a, new HeadlessPlayer(player), url, System.nanoTime());
        viewers.add(v);
        v.play();
        return v;
    }

    /**
     * An agent's privacy settings at {@code level} in this cluster (the tracker's key and the
     * relay filled in); a viewer's configuration may pick another level than the cluster's.
     */
    public Privacy privacy(PrivacyLevel level) {
        return privacy(level, relay().map(RelayServer::address), trackerPin());
    }

    /** The tracker's key, when the cluster has a tracker on encrypted links: what agents must pin. */
    public Optional<io.privastream.link.Pin> trackerPin() {
        return tracker().filter(t -> t.baseUrl().getScheme().equals("https")).map(TrackerServer::pin);
    }

    /**
     * An agent's privacy settings at {@code level}, given the relay's {@code host:port} and the
     * tracker's key (when its links are encrypted); for a viewer outside this JVM.
     */
    public static Privacy privacy(PrivacyLevel level, Optional<String> relayAddress, Optional<io.privastream.link.Pin> trackerPin) {
        Privacy p = switch (level) {
            case OFF -> Privacy.off();
            case ENCRYPTED -> Privacy.defaults();
            case RELAYED -> relayAddress.map(Privacy.defaults()::relayedVia).orElse(Privacy.defaults());
        };
        return trackerPin.map(p::withTrackerPin).orElse(p);
    }

    /** The relay, when the cluster has a tracker. */
    public Optional<RelayServer> relay() {
        return Optional.ofNullable(relay);
    }

    /** The live content's id. */
    public ContentId content() {
        return content;
    }

    /** Its descriptor. */
    public ContentDescriptor descriptor() {
        return origin.descriptor(content).orElseThrow();
    }

    public OriginServer origin() {
        return origin;
    }

    /** The tracker, when the cluster has one. */
    public java.util.Optional<TrackerServer> tracker() {
        return java.util.Optional.ofNullable(tracker);
    }

    public List<Viewer> viewers() {
        return List.copyOf(viewers);
    }

    public Settings settings() {
        return settings;
    }

    /** Stops every player, agent, the tracker and the origin; removes the temporary data directory. */
    @Override
    public void close() {
        viewers.forEach(Viewer::stop);
        for (Viewer v : viewers) {
            try {
                v.report(Duration.ofSeconds(10));
            } catch (IllegalStateException ignored) {
                // Closing anyway.
            }
            v.agent().close();
        }
        if (relay != null) {
            relay.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (origin != null) {
            origin.close();
        }
        io.privastream.experiments.TempDirs.delete(dataDir);
    }
}
