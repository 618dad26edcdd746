package io.privastream.agent;

import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pin;
import io.privastream.link.Pins;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.SealedHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * How this agent talks to other agents and to the tracker: its key, the pins it trusts, the
 * HTTP client for peers (encrypted links pinned per peer, through the relay in relayed access), and the
 * translation of the tracker's holders into URLs to fetch from.
 *
 * <p>Thread-safe.
 */
final class PeerLinks implements AutoCloseable {
    /** A handle is reused for a peer until this long before it expires, so connections to it are reused. */
    private static final long HANDLE_REUSE_MILLIS = 60_000;

    private final Privacy privacy;
    private final NodeIdentity identity;
    private final Pins pins = new Pins();
    private final Optional<SSLContext> tls;
    private final HttpClient peers;
    private final LongSupplier wallMillis;
    /** Relayed access: the handle host used for each peer key while it is fresh. */
    private final Map<Pin, Route> relayRoutes = new ConcurrentHashMap<>();
    /** Direct access: the address each peer key was last opened to. */
    private final Map<Pin, Route> addresses = new ConcurrentHashMap<>();
    /** The key behind each peer base URL handed out (for receipts); bounded like the pins. */
    private final Map<String, Pin> pinByBase = new ConcurrentHashMap<>();

    private record Route(String base, long untilMillis) {
    }

    /**
     * @param bindHost   local address outgoing peer connections leave from, when it is a specific
     *                   one ({@code 0.0.0.0} = the system's choice)
     * @param wallMillis the wall clock in epoch milliseconds (handle lifetimes are wall time)
     */
    PeerLinks(Privacy privacy, String bindHost, Duration connectTimeout, LongSupplier wallMillis) {
        this.privacy = privacy;
        this.wallMillis = wallMillis;
        this.identity = privacy.identityFile().map(NodeIdentity::loadOrCreate).orElseGet(NodeIdentity::generate);
        this.tls = privacy.encryptLinks() ? Optional.of(LinkProtocol.configured().context(identity, pins)) : Optional.empty();
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        tls.ifPresent(context -> b.sslContext(context).sslParameters(LinkProtocol.of(context).clientParameters()));
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            try {
                b.localAddress(InetAddress.getByName(bindHost));
            } catch (UnknownHostException e) {
                throw new AgentException(500, "peer host " + bindHost + " is not an address: " + e.getMessage());
            }
        }
        privacy.relay().ifPresent(relay -> b.proxy(new RelaySelector(new InetSocketAddress(relay.getHost(), relay.getPort()))));
        this.peers = b.build();
    }

    /** The key of the peer at {@code base} (a URL {@link #baseUrl} gave), if the tracker gave one. */
    Optional<Pin> pinOf(String base) {
        return Optional.ofNullable(pinByBase.get(base));
    }

    /** The client for requests to peers. */
    HttpClient peers() {
        return peers;
    }

    /** This agent's key. */
    NodeIdentity identity() {
        return identity;
    }

    /** The link context (Noise XX or TLS 1.3) the peer server answers with; empty when links are plain. */
    Optional<SSLContext> serverTls() {
        return tls;
    }

    /** {@code https} or {@code http}: how this agent's peer endpoint is reached. */
    String scheme() {
        return privacy.encryptLinks() ? "https" : "http";
    }

    /** The key this agent declares at join: its own when it serves over encrypted links. */
    Optional<String> declaredPin() {
        return privacy.encryptLinks() ? Optional.of(identity.pin().toString()) : Optional.empty();
    }

    /**
     * The link context for the tracker at {@code tracker}: pinned to the configured key when the
     * URL is {@code https}.
     */
    Optional<SSLContext> trackerTls(URI tracker) {
        if (!tracker.getScheme().equals("https")) {
            return Optional.empty();
        }
        Pin pin = privacy.trackerPin().orElseThrow(() -> new AgentException(500, "tracker " + tracker + " needs its pin"));
        pins.put(tracker.getHost(), tracker.getPort() < 0 ? 443 : tracker.getPort(), pin);
        return tls.isPresent() ? tls : Optional.of(LinkProtocol.configured().context(identity, pins));
    }

    /** Whether {@code h} must be opened by the tracker before it can be fetched from (direct access to a sealed handle without a known address). */
    boolean needsOpening(Holder h) {
        if (!h.sealed() || privacy.access() == Privacy.Access.RELAYED || h.pin().isEmpty()) {
            return false;
        }
        Route r = addresses.get(Pin.parse(h.pin().get()));
        return r == null || r.untilMillis() < wallMillis.getAsLong();
    }

    /** Records that the handle of {@code h} opened to {@code address} (direct access). */
    void opened(Holder h, String address) {
        h.pin().ifPresent(p -> addresses.put(Pin.parse(p), new Route(address, wallMillis.getAsLong() + HANDLE_REUSE_MILLIS)));
    }

    /**
     * The base URL to fetch {@code h}'s objects from, its pin registered; empty when this agent
     * cannot use it safely (a plain peer while links are encrypted, a key the tracker did not
     * vouch for, a handle not opened).
     */
    Optional<String> baseUrl(Holder h) {
        Optional<Pin> pin;
        try {
            pin = h.pin().map(Pin::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (privacy.encryptLinks() && pin.isEmpty()) {
            return Optional.empty();
        }
        String base;
        if (h.sealed()) {
            if (pin.isEmpty()) {
                return Optional.empty();
            }
            base = privacy.access() == Privacy.Access.RELAYED ? relayRoute(pin.get(), h) : direct(pin.get());
            if (base == null) {
                return Optional.empty();
            }
        } else {
            base = h.endpoint();
        }
        URI u;
        try {
            u = URI.create(base);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (u.getHost() == null || !scheme().equals(u.getScheme())) {
            return Optional.empty();
        }
        pin.ifPresent(p -> {
            pins.put(u.getHost(), u.getPort() < 0 ? 443 : u.getPort(), p);
            if (pinByBase.size() > 65_536) {
                pinByBase.clear();
            }
            pinByBase.put(base, p);
        });
        return Optional.of(base);
    }

    private String direct(Pin pin) {
        Route r = addresses.get(pin);
        return r == null ? null : r.base();
    }

    private String relayRoute(Pin pin, Holder h) {
        long now = wallMillis.getAsLong();
        Route r = relayRoutes.compute(pin, (k, old) -> old != null && old.untilMillis() > now ? old
                : new Route("https://" + SealedHosts.host(h.endpoint().substring(Holder.SEALED.length())) + ":" + SealedHosts.PORT,
                        now + HANDLE_REUSE_MILLIS));
        return r.base();
    }

    @Override
    public void close() {
        peers.close();
    }

    /** Sends requests for handle hosts through the relay, everything else directly. */
    private static final class RelaySelector extends ProxySelector {
        private final List<Proxy> viaRelay;

        RelaySelector(InetSocketAddress relay) {
            this.viaRelay = List.of(new Proxy(Proxy.Type.HTTP, relay));
        }

        @Override
        public List<Proxy> select(URI uri) {
            return SealedHosts.handle(uri.getHost()).isPresent() ? viaRelay : List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // The transfer fails and the download planner moves on; nothing to remember here.
        }
    }
}
