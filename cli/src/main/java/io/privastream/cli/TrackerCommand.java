package io.privastream.cli;

import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.tracker.TrackerConfig;
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

    @Override
    public Integer call() throws Exception {
        SwarmPolicy policy = SwarmPolicy.defaults().toBuilder()
                .peerTimeout(peerTimeout).heartbeatInterval(heartbeat).liveWindow(liveWindow).build();
        TrackerServer server = new TrackerServer(TrackerConfig.builder().host(host).port(port).policy(policy).build()).start();
        System.out.println("tracker listening on " + server.baseUrl() + " (agents: --tracker " + server.baseUrl() + ")");
        Shutdown.awaitSignal(server::close);
        return 0;
    }
}
