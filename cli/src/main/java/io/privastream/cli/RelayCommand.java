package io.privastream.cli;

import io.privastream.enclave.AddressSealer;
import io.privastream.enclave.SealingKey;
import io.privastream.relay.RelayConfig;
import io.privastream.relay.RelayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream relay}: relayed peer access on its own host. */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = {"Runs a relay for relayed peer access: agents CONNECT to a sealed handle, the relay opens it and tunnels their end-to-end encrypted links.",
            "It needs the tracker's sealing key (tracker --sealing-key FILE). A tracker can also run one itself: tracker --relay-port."})
final class RelayCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port = RelayConfig.DEFAULT_PORT;

    @Option(names = "--sealing-key", paramLabel = "FILE", required = true, description = "The tracker's sealing key file (32 bytes).")
    Path sealingKey;

    @Option(names = "--bind-outgoing", paramLabel = "ADDRESS", description = "Local address the relay's connections to peers leave from (default: the system's choice).")
    String bindOutgoing;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(sealingKey)) {
            throw new IllegalArgumentException("no sealing key at " + sealingKey + "; start the tracker with --sealing-key " + sealingKey + " first");
        }
        RelayConfig config = RelayConfig.on(host, port);
        if (bindOutgoing != null) {
            config = config.bindingTo(bindOutgoing);
        }
        // The handle lifetime matters only to the tracker, which seals; the relay just opens.
        AddressSealer sealer = new AddressSealer(SealingKey.loadOrCreate(sealingKey), Clock.systemUTC(), Duration.ofMinutes(2));
        RelayServer relay = new RelayServer(config, sealer).start();
        System.out.println("relay listening on " + relay.address() + " (agents: --peer-access relayed --relay " + relay.address() + ")");
        Shutdown.awaitSignal(relay::close);
        return 0;
    }
}
