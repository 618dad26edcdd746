package io.privastream.cli;

import io.privastream.core.incentive.Standing;
import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pin;
import io.privastream.link.Pins;
import io.privastream.tracker.TrackerClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code privastream tokens [PEER]}: standings at a tracker's ledger. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Shows standings at the tracker's token ledger: one identity's (PEER, its key pin sha256:..., as an agent",
            "prints it at start), or the richest accounts. 1 token = 10^6 bytes of credited upload."})
final class TokensCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PEER", description = "An identity's pin (default: list the richest accounts).")
    String peer;

    @Option(names = "--tracker", required = true, paramLabel = "URL", description = "The tracker, e.g. https://tracker:7070/.")
    URI tracker;

    @Option(names = "--tracker-pin", paramLabel = "sha256:...", description = "The tracker's key; required for an https tracker.")
    String trackerPin;

    @Option(names = "--limit", description = "How many accounts to list (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
        Optional<javax.net.ssl.SSLContext> tls = Optional.empty();
        if ("https".equals(tracker.getScheme())) {
            if (trackerPin == null) {
                throw new IllegalArgumentException("tracker " + tracker + " is reached over an encrypted link (https): give --tracker-pin (printed by the tracker at start)");
            }
            Pins pins = new Pins();
            pins.put(tracker.getHost(), tracker.getPort() < 0 ? 443 : tracker.getPort(), Pin.parse(trackerPin));
            tls = Optional.of(LinkProtocol.configured().context(NodeIdentity.generate(), pins));
        }
        try (TrackerClient client = TrackerClient.of(tracker, Duration.ofSeconds(5), tls)) {
            List<Standing> rows = peer == null ? client.accounts(limit) : List.of(client.standing(Pin.parse(peer).toString()));
            System.out.printf(Locale.ROOT, "%-52s %10s %10s %10s%n", "identity", "tokens", "earned", "spent");
            for (Standing s : rows) {
                System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f %10.2f%n", s.pin(), s.tokens(), s.earnedBytes() / 1e6, s.spentBytes() / 1e6);
            }
        }
        return 0;
    }
}
