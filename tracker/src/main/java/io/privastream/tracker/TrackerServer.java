package io.privastream.tracker;

import io.privastream.core.swarm.InMemorySwarmStore;
import io.privastream.core.swarm.SwarmBook;
import io.privastream.core.swarm.SwarmStore;
import io.privastream.core.time.Ticker;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import io.privastream.core.incentive.Ledger;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.enclave.AddressSealer;
import io.privastream.enclave.SealingKey;
import io.privastream.http.HttpServers;
import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pin;
import io.privastream.link.Pins;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's HTTP server: the API of {@link io.privastream.protocol.tracker} and
 * {@code GET /healthz} over a {@link SwarmBook}, plus a virtual thread that sweeps expired
 * peers and holdings every {@link TrackerConfig#sweepInterval()}.
 *
 * <p>Jetty core handlers (no servlets); each request runs on its own virtual thread.
 * Usage: {@code try (TrackerServer tracker = new TrackerServer(config).start()) { ... }}.
 * {@link #start()} and {@link #close()} may be called from any thread; a closed server cannot
 * be started again.
 */
public final class TrackerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerServer.class);
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final TrackerConfig config;
    private final SwarmBook book;
    private final Server jetty;
    private final ServerConnector connector;
    private final ExpirySweeper sweeper;
    private final NodeIdentity identity;
    private final Contacts contacts;
    private final Observations observations = new Observations();
    private final Memberships memberships = new Memberships();
    private final LedgerStore ledger;
    private boolean started;
    private boolean closed;

    /** A server over a fresh in-memory store on the system clock; not started. */
    public TrackerServer(TrackerConfig config) {
        this(config, new InMemorySwarmStore(), Ticker.system());
    }

    /**
     * A server over {@code store} (e.g. a shared backend) reading time from {@code ticker}; not started.
     *
     * @throws IllegalArgumentException if an argument is missing
     */
    public TrackerServer(TrackerConfig config, SwarmStore store, Ticker ticker) {
        if (config == null) {
            throw new IllegalArgumentException("a tracker config is required");
        }
        this.config = config;
        this.book = new SwarmBook(config.policy(), store, ticker);
        this.identity = config.identityFile().map(NodeIdentity::loadOrCreate).orElseGet(NodeIdentity::generate);
        SealingKey key = config.sealingKeyFile().map(SealingKey::loadOrCreate).orElseGet(SealingKey::generate);
        this.contacts = new Contacts(config.addresses(), new AddressSealer(key, Clock.systemUTC(), config.handleLifetime()));
        this.ledger = config.ledgerFile().map(f -> LedgerStore.open(config.ledgerPolicy(), memberships::contains, f))
                .orElseGet(() -> LedgerStore.inMemory(config.ledgerPolicy(), memberships::contains));

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tracker");
        VirtualThreadPool virtualThreads = new VirtualThreadPool();
        virtualThreads.setName("tracker-request");
        threads.setVirtualThreadsExecutor(virtualThreads); // Jetty's recommended form for blocking handlers
        this.jetty = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // The tracker trusts no server of its own: its context only presents its key and reads agents'.
        Optional<SSLContext> tls = config.tls() ? Optional.of(LinkProtocol.configured().context(identity, new Pins())) : Optional.empty();
        this.connector = new ServerConnector(jetty, HttpServers.connectionFactories(http, tls));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS); // also bounds a client that trickles its body
        jetty.addConnector(connector);
        jetty.setHandler(new TrackerHandler(new SwarmEndpoints(book, config.maxRequestBodyBytes(), contacts, observations, memberships),
                new LedgerEndpoints(ledger, Clock.systemUTC(), config.maxRequestBodyBytes(),
                        (standing, knownFor, at) -> StandingTicket.issue(standing, knownFor, at, identity.privateKey(),
                                identity.certificate().getPublicKey()))));
        jetty.setErrorHandler(new JsonErrorHandler());
        this.sweeper = new ExpirySweeper(book, config.sweepInterval());
    }

    /**
     * Binds the port and starts serving and sweeping.
     *
     * @return this server
     * @throws IOException           if the port cannot be bound (e.g. it is in use)
     * @throws IllegalStateException if the server was started or closed before
     */
    public synchronized TrackerServer start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException("a tracker server starts once; this one is " + (closed ? "closed" : "running"));
        }
        try {
            jetty.start();
        } catch (IOException e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("tracker could not start on " + config.host() + ":" + config.port() + ": " + e, e);
        }
        sweeper.start();
        started = true;
        LOG.info("tracker listening on {} ({}; addresses {})", baseUrl(), config.tls() ? LinkProtocol.configured().label() + ", key " + pin() : "plain HTTP",
                config.addresses().spelling());
        return this;
    }

    /**
     * The bound port; the actual one when {@link TrackerConfig#port()} is 0.
     *
     * @throws IllegalStateException if the server is not running
     */
    public synchronized int port() {
        if (!started || closed) {
            throw new IllegalStateException("the tracker server is not running");
        }
        return connector.getLocalPort();
    }

    /**
     * The URL clients use, e.g. {@code http://127.0.0.1:7070/}; a wildcard host ({@code 0.0.0.0},
     * {@code ::}) is given as the loopback address.
     *
     * @throws IllegalStateException if the server is not running
     */
    public URI baseUrl() {
        String host = switch (config.host()) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "0:0:0:0:0:0:0:0" -> "[::1]";
            default -> config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        };
        return URI.create((config.tls() ? "https://" : "http://") + host + ":" + port() + "/");
    }

    /** The key agents must pin to talk to this tracker over encrypted links (printed at start). */
    public Pin pin() {
        return identity.pin();
    }

    /** The token ledger (its state; the API is {@code /v1/ledger/}). */
    public Ledger ledger() {
        return ledger.ledger();
    }

    /** What a curious operator of this tracker could count (lookups per agent per swarm); for experiments. */
    public Observations observations() {
        return observations;
    }

    /** The sealer of this tracker's addresses, for a relay in the same process. */
    public AddressSealer sealer() {
        return contacts.sealer();
    }

    /** The book the server answers from; for in-process use such as tests and experiments. */
    public SwarmBook book() {
        return book;
    }

    /** The configuration the server was made with. */
    public TrackerConfig config() {
        return config;
    }

    /** Stops serving and sweeping; idempotent. In-flight requests are cut off. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.close();
        stopQuietly();
        ledger.close();
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("tracker did not stop cleanly", e);
        }
    }
}
