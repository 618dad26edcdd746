package io.privastream.cli;

import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.relay.RelayConfig;
import io.privastream.relay.RelayServer;
import io.privastream.tracker.AddressMode;
import io.privastream.tracker.TrackerConfig;
import java.nio.file.Path;
import io.privastream.tracker.TrackerServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream tracker}: swarm membership and lookups. */
@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "Runs a tracker: agents join content swarms, announce what they hold and look up holders.")
final class TrackerCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port = 7070;

    @Option(names = "--peer-timeout", description = "Drop a peer not heard from for this long (default: ${DEFAULT-VALUE}).")
    Duration peerTimeout = SwarmPolicy.defaults().peerTimeout();

    @Option(names = "--heartbeat", description = "Heartbeat interval asked of agents (default: ${DEFAULT-VALUE}).")
    Duration heartbeat = SwarmPolicy.defaults().heartbeatInterval();

    @Option(names = "--live-window", description = "Live holdings older than this are dropped (default: ${DEFAULT-VALUE}).")
    Duration liveWindow = SwarmPolicy.defaults().liveWindow();

    @Option(names = "--plain", description = "Serve the API over plain HTTP instead of encrypted links (comparison runs only).")
    boolean plain;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "The tracker's key file, made on first use; keep it so agents' --tracker-pin stays valid (default: a fresh key per start).")
    Path identity;

    @Option(names = "--addresses", paramLabel = "MODE",
            description = "sealed (store and hand out sealed handles; agents open them to connect directly), relayed-only (handles open only at the relay), or clear (default: sealed).")
    String addresses = "sealed";

    @Option(names = "--sealing-key", paramLabel = "FILE",
            description = "AES key sealing peers' addresses, made on first use; give the same file to a separate relay (default: a fresh key per start).")
    Path sealingKey;

    @Option(names = "--handle-lifetime", paramLabel = "DURATION", description = "How long a handed-out handle opens (default: ${DEFAULT-VALUE}).")
    Duration handleLifetime = Duration.ofMinutes(2);

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "The token ledger's append-only file, made on first use (default: ${DEFAULT-VALUE} in the current directory).")
    Path ledger = Path.of("privastream-ledger.log");

    @Option(names = "--relay-port", paramLabel = "PORT",
            description = "Also run a relay in this process, sharing the sealing key, on this port (0 = any free; default: no relay).")
    Integer relayPort;

    @Option(names = "--relay-parents", paramLabel = "N",
            description = "Holders a claiming lookup gets from the object's relay tree; 0 = no tree (default: ${DEFAULT-VALUE}). See docs/simulator.md.")
    int relayParents = SwarmPolicy.defaults().relayParents();

    @Option(names = "--relay-fan-out", paramLabel = "N", description = "Most lookups one holder of an object is handed to (default: ${DEFAULT-VALUE}).")
    int relayFanOut = SwarmPolicy.defaults().relayFanOut();

    @Option(names = "--relay-child-kbps", paramLabel = "KBPS",
            description = "Hand a holder that declared its uplink to at most uplink/KBPS lookups; 0 = ignore declared uplinks (default: ${DEFAULT-VALUE}).")
    int relayChildKbps = SwarmPolicy.defaults().relayChildKbps();

    @Override
    public Integer call() throws Exception {
        SwarmPolicy policy = SwarmPolicy.defaults().toBuilder()
                .peerTimeout(peerTimeout).heartbeatInterval(heartbeat).liveWindow(liveWindow)
                .relayParents(relayParents).relayFanOut(relayFanOut).relayChildKbps(relayChildKbps).build();
        TrackerConfig.Builder config = TrackerConfig.builder().host(host).port(port).policy(policy).tls(!plain)
                .addresses(AddressMode.parse(addresses)).handleLifetime(handleLifetime).ledgerFile(ledger);
        if (identity != null) {
            config.identityFile(identity);
        }
        if (sealingKey != null) {
            config.sealingKeyFile(sealingKey);
        }
        TrackerServer server = new TrackerServer(config.build()).start();
        RelayServer relay = relayPort == null ? null : new RelayServer(RelayConfig.on(host, relayPort), server.sealer()).start();
        System.out.println("tracker listening on " + server.baseUrl() + " (ledger " + ledger.toAbsolutePath() + ")");
        System.out.println("agents: --tracker " + server.baseUrl() + (plain ? "" : " --tracker-pin " + server.pin())
                + (relay == null ? "" : "   (relayed access: --peer-access relayed --relay " + relay.address() + ")"));
        Shutdown.awaitSignal(() -> {
            if (relay != null) {
                relay.close();
            }
            server.close();
        });
        return 0;
    }
}
