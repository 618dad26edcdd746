package io.privastream.cli;

import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.agent.Privacy;
import io.privastream.link.Pin;
import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.PeerSelector;
import io.privastream.core.rate.Bandwidth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream agent}: the viewer-side proxy. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs a viewer's agent: a local proxy a player points at, fetching from peers and servers.",
            "Open http://127.0.0.1:PORT/<content-id>/manifest.mpd (DASH) or .../master.m3u8 (HLS) in any player."})
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--manifest-server", paramLabel = "URL", description = "Manifest server (usually the origin), e.g. http://origin:8080/. Repeatable.")
    List<URI> manifestServers = new ArrayList<>();

    @Option(names = "--tracker", paramLabel = "URL", description = "Tracker URL, e.g. https://tracker:7070/. Without one, every byte comes from servers.")
    URI tracker;

    @Option(names = "--tracker-pin", paramLabel = "sha256:...", description = "The tracker's key, as the tracker prints it at start; required for an https tracker.")
    String trackerPin;

    @Option(names = "--plain-links", description = "Serve and fetch from peers over plain HTTP instead of pinned encrypted links (comparison runs only).")
    boolean plainLinks;

    @Option(names = "--identity", paramLabel = "FILE", description = "This agent's key file, made on first use (default: a fresh key per run).")
    java.nio.file.Path identity;

    @Option(names = "--peer-access", paramLabel = "MODE",
            description = "direct (connect to peers' addresses) or relayed (through --relay; peers never see this agent's address) (default: ${DEFAULT-VALUE}).")
    String peerAccess = "direct";

    @Option(names = "--relay", paramLabel = "HOST:PORT", description = "The relay for relayed peer access.")
    String relay;

    @Option(names = "--incentive", paramLabel = "POLICY",
            description = "tokens (k from this agent's standing at the ledger; busy peers serve the best-standing first) or none (default: ${DEFAULT-VALUE}).")
    String incentive = "tokens";

    @Option(names = "--decoys", paramLabel = "N",
            description = "Fake lookups (fetched like real ones) in other contents per real lookup, 0-8, fractions allowed (default: ${DEFAULT-VALUE}).")
    double decoys;

    @Option(names = "--port", description = "Player-facing port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port = 8800;

    @Option(names = "--player-host", description = "Address the player-facing port binds to (default: ${DEFAULT-VALUE}).")
    String playerHost = "127.0.0.1";

    @Option(names = "--peer-port", description = "Port other agents connect to (default: ${DEFAULT-VALUE} = any free).")
    int peerPort;

    @Option(names = "--peer-host", description = "Address the peer port binds to (default: ${DEFAULT-VALUE}).")
    String peerHost = "0.0.0.0";

    @Option(names = "--advertise", paramLabel = "HOST", description = "Host other agents use to reach this one (default: detected).")
    String advertise;

    @Option(names = "--advertise-port", paramLabel = "PORT", description = "Port other agents use to reach this one, when a NAT forwards another (default: the peer port).")
    int advertisePort;

    @Option(names = "--download-cap", paramLabel = "RATE", description = "Cap on download, e.g. 10Mbit (default: unlimited).")
    Bandwidth downloadCap = Bandwidth.UNLIMITED;

    @Option(names = "--upload-cap", paramLabel = "RATE", description = "Cap on upload to peers, e.g. 2Mbit (default: unlimited).")
    Bandwidth uploadCap = Bandwidth.UNLIMITED;

    @Option(names = "--no-upload", description = "Never serve other agents (for metered links).")
    boolean noUpload;

    @Option(names = "--live-window", description = "How long live segments stay cached (default: ${DEFAULT-VALUE}).")
    Duration liveWindow = Duration.ofSeconds(30);

    @Option(names = "--cache-mb", description = "Cache budget in MiB (default: ${DEFAULT-VALUE}).")
    long cacheMb = 512;

    @Option(names = "--deadline", description = "inferred, inferred:MAXLEAD (segment durations, e.g. inferred:0.5), or fixed:DURATION such as fixed:2s (default: ${DEFAULT-VALUE}).")
    String deadline = "inferred";

    @Option(names = "--strategy", description = "Download strategy: single-source or multi-source (default: ${DEFAULT-VALUE}).")
    String strategy = "multi-source";

    @Option(names = "--max-sources", paramLabel = "K", description = "Sources used at once by multi-source (default: ${DEFAULT-VALUE}).")
    int maxSources = 4;

    @Option(names = "--added-latency", paramLabel = "DURATION",
            description = "Emulated delay before each transfer's request leaves, e.g. 40ms (default: none).")
    java.time.Duration addedLatency = java.time.Duration.ZERO;

    @Option(names = "--live-lead", paramLabel = "SEGMENTS",
            description = "Live DASH: show the player the edge this many segments late and fetch them ahead (0-4; default: ${DEFAULT-VALUE}).")
    int liveLead;

    @Option(names = "--live-phase", paramLabel = "SHARE",
            description = "Live DASH: show the player the edge up to this share of a segment late, drawn once per agent, so that a swarm's"
                    + " players do not all ask for a new segment at once ([0, 1); default: ${DEFAULT-VALUE}).")
    double livePhase;

    @Option(names = "--unverified-peers",
            description = "Use peers even for content whose publisher signs no digests (a third-party origin), taking their bytes unchecked.")
    boolean unverifiedPeers;

    @Option(names = "--peer-selector", description = "Peer selector: freshest, random, fastest (default: ${DEFAULT-VALUE}).")
    String peerSelector = "random";

    @Option(names = "--seed", description = "Seed of the agent's random choices (default: random).")
    Long seed;

    @Override
    public Integer call() {
        AgentConfig.Builder b = AgentConfig.builder()
                .playerHost(playerHost).playerPort(port).peerHost(peerHost).peerPort(peerPort).advertisedPort(advertisePort)
                .downloadCap(downloadCap).uploadCap(uploadCap).uploadEnabled(!noUpload)
                .liveWindow(liveWindow).cacheBudgetBytes(cacheMb * 1024 * 1024)
                .deadlinePolicy(deadline).downloadStrategy(strategy).maxSources(maxSources).peerSelector(peerSelector)
                .addedLatency(addedLatency).liveLeadSegments(liveLead).livePhase(livePhase).unverifiedPeers(unverifiedPeers);
        Privacy privacy = Privacy.defaults().withEncryptLinks(!plainLinks).withDecoys(decoys);
        if (trackerPin != null) {
            privacy = privacy.withTrackerPin(Pin.parse(trackerPin));
        }
        if (identity != null) {
            privacy = privacy.withIdentityFile(identity);
        }
        if (Privacy.Access.parse(peerAccess) == Privacy.Access.RELAYED) {
            if (relay == null) {
                throw new IllegalArgumentException("--peer-access relayed needs --relay HOST:PORT (the tracker prints it with --relay-port)");
            }
            privacy = privacy.relayedVia(relay);
        }
        b.privacy(privacy).incentive(incentive);
        manifestServers.forEach(b::manifestServer);
        if (tracker != null) {
            b.tracker(tracker);
        }
        if (advertise != null) {
            b.advertisedHost(advertise);
        }
        if (seed != null) {
            b.seed(seed);
        }
        Agent agent = new Agent(b.build()).start();
        System.out.println("agent " + agent.peerId() + " ready: point a player at " + agent.playerBase() + "<content-id>/manifest.mpd");
        System.out.println("strategies: " + DownloadStrategy.names() + ", peer selectors: " + PeerSelector.names());
        Shutdown.awaitSignal(agent::close);
        return 0;
    }
}
