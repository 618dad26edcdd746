package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.core.incentive.Receipt;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pin;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of receipts. As a receiver: after each object, a signed receipt to every peer that
 * gave verified bytes of it ({@code POST /peer/v1/receipts} on that peer's link). As a server:
 * the receipts peers give this agent, kept and redeemed at the tracker's ledger in batches,
 * kept for the next round when the ledger cannot be reached (at most {@value #MAX_KEPT}).
 *
 * <p>Thread-safe. Sending runs on virtual threads and never delays a download.
 */
final class Receipts {
    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    static final String PATH = PeerHandler.PREFIX + "receipts";
    private static final int MAX_KEPT = 20_000;

    private final NodeIdentity identity;
    private final PeerLinks links;
    private final HttpClient peers;
    private final SwarmDirectory directory;
    private final LongSupplier wallMillis;
    private final RandomGenerator random;
    private final Duration timeout;
    private final List<Receipt> bank = new ArrayList<>();

    Receipts(NodeIdentity identity, PeerLinks links, SwarmDirectory directory, LongSupplier wallMillis, RandomGenerator random,
            Duration timeout) {
        this.identity = identity;
        this.links = links;
        this.peers = links.peers();
        this.directory = directory;
        this.wallMillis = wallMillis;
        this.random = random;
        this.timeout = timeout;
    }

    /** This agent received {@code bytesBySource} of an object of {@code swarm}: pays every peer among the sources. */
    void paid(String swarm, Map<Source, Long> bytesBySource) {
        bytesBySource.forEach((source, bytes) -> {
            if (!source.isPeer() || bytes <= 0) {
                return;
            }
            java.util.Optional<Pin> pin = links.pinOf(source.endpoint());
            if (pin.isEmpty()) {
                return; // a peer without a vouched key earns nothing (plain links and no declared key)
            }
            long nonce;
            synchronized (random) {
                nonce = random.nextLong();
            }
            Receipt r = Receipt.sign(pin.get().toString(), swarm, bytes, nonce, wallMillis.getAsLong(), identity.privateKey(),
                    identity.certificate().getPublicKey());
            Thread.ofVirtual().name("receipt").start(() -> send(source.endpoint(), r));
        });
    }

    private void send(String base, Receipt r) {
        try {
            URI url = URI.create(base + PATH);
            HttpResponse<Void> answer = peers.send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(new RedeemRequest(List.of(ReceiptWire.of(r)))))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                LOG.debug("peer {} refused a receipt: {}", base, answer.statusCode());
            }
        } catch (java.io.IOException e) {
            LOG.debug("receipt to {} not delivered: {}", base, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Receipts a peer gave this agent; those naming another server are ignored. Returns how many were kept. */
    int collected(List<Receipt> receipts) {
        String me = identity.pin().toString();
        int kept = 0;
        synchronized (bank) {
            for (Receipt r : receipts) {
                if (r.server().equals(me) && bank.size() < MAX_KEPT) {
                    bank.add(r);
                    kept++;
                }
            }
        }
        return kept;
    }

    /** Redeems what was collected; called periodically. */
    void flush() {
        List<Receipt> batch;
        synchronized (bank) {
            if (bank.isEmpty()) {
                return;
            }
            batch = List.copyOf(bank);
            bank.clear();
        }
        if (!directory.redeem(batch)) {
            synchronized (bank) {
                // Keep them for the next round, up to the bound; the ledger refuses replays, so a
                // batch it did take before failing to answer is not counted twice.
                for (Receipt r : batch) {
                    if (bank.size() < MAX_KEPT) {
                        bank.add(r);
                    }
                }
            }
        }
    }
}
