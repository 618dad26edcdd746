package io.privastream.relay;

import io.privastream.enclave.AddressSealer;
import io.privastream.protocol.tracker.SealedHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of relayed peer access (PRIVA-STREAM's in-enclave NAT): an agent asks
 * {@code CONNECT <handle>.sealed.invalid:443} (see {@link SealedHosts}); the relay opens the
 * handle with the {@link AddressSealer}, connects to the address inside and then copies bytes
 * both ways. The agents run their encrypted link end to end through the tunnel, pinned to the serving peer's key,
 * so the relay sees only ciphertext; the serving peer sees only the relay's address. Only
 * {@code https} addresses are tunnelled.
 *
 * <p>One virtual thread per direction per tunnel; every read has a timeout. Thread-safe.
 */
public final class RelayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    private static final int MAX_HEAD_BYTES = 8192;

    private final RelayConfig config;
    private final AddressSealer sealer;
    private final Semaphore tunnels;
    private final LongAdder opened = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private ServerSocket listener;
    private Thread acceptor;
    private volatile boolean closed;

    /** Counters since start: tunnels opened, requests refused, bytes copied (both ways). */
    public record Stats(long tunnelsOpened, long refused, long bytesRelayed) {
    }

    public RelayServer(RelayConfig config, AddressSealer sealer) {
        this.config = config;
        this.sealer = sealer;
        this.tunnels = new Semaphore(config.maxTunnels());
    }

    /**
     * Binds and starts accepting.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public synchronized RelayServer start() {
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(config.host(), config.port()), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("relay cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        acceptor = Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
        LOG.info("relay listening on {}:{}", config.host(), port());
        return this;
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code host:port} agents give as their relay (the loopback address for a wildcard host). */
    public String address() {
        String h = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return h + ":" + port();
    }

    /** Counters since start. */
    public Stats stats() {
        return new Stats(opened.sum(), refused.sum(), bytes.sum());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("relay stopped accepting: {}", e.toString());
                }
                return;
            }
            Thread.ofVirtual().name("relay-tunnel").start(() -> serve(client));
        }
    }

    private void serve(Socket client) {
        if (!tunnels.tryAcquire()) {
            answer(client, 503, "relay full (" + config.maxTunnels() + " tunnels)");
            return;
        }
        try (client) {
            client.setSoTimeout((int) config.headTimeout().toMillis());
            String target = readConnectTarget(client.getInputStream());
            Optional<URI> address = open(target);
            if (address.isEmpty()) {
                answer(client, 403, "handle does not open (expired, tampered with, or not a peer's)");
                return;
            }
            try (Socket peer = new Socket()) {
                config.bindHost().ifPresent(b -> bind(peer, b));
                peer.connect(new InetSocketAddress(address.get().getHost(), address.get().getPort()), (int) config.connectTimeout().toMillis());
                int idle = (int) config.idleTimeout().toMillis();
                client.setSoTimeout(idle);
                peer.setSoTimeout(idle);
                OutputStream toClient = client.getOutputStream();
                toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                opened.increment();
                Thread up = Thread.ofVirtual().name("relay-up").start(() -> pipe(client, peer));
                pipe(peer, client);
                up.join();
            } catch (IOException e) {
                // The peer is gone or unreachable: the agent's download moves on to another source.
                LOG.debug("relay could not reach a peer: {}", e.toString());
                answer(client, 502, "peer unreachable");
            }
        } catch (BadRequest e) {
            answer(client, e.status, e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.trace("relay client sent no complete CONNECT in time");
        } catch (IOException e) {
            LOG.debug("relay tunnel ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("unexpected relay failure", e);
        } finally {
            tunnels.release();
        }
    }

    private Optional<URI> open(String target) {
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? target : target.substring(0, colon);
        Optional<String> address = SealedHosts.handle(host).flatMap(sealer::open);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(address.get());
            // Only https endpoints (encrypted links): the relay must carry ciphertext, never a plain peer link.
            return "https".equals(u.getScheme()) && u.getHost() != null && u.getPort() > 0 ? Optional.of(u) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Copies {@code from} to {@code to} until end of stream, then half-closes {@code to}. */
    private void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                bytes.add(n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // Either side hung up or went idle: close both so the other direction ends too.
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Reads the request head; returns the CONNECT target ({@code host:port}). */
    private static String readConnectTarget(InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEAD_BYTES];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new BadRequest(400, "connection closed before the request ended");
            }
            if (n == head.length) {
                throw new BadRequest(431, "request head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            head[n++] = (byte) b;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') {
                break;
            }
        }
        String text = new String(head, 0, n, StandardCharsets.US_ASCII);
        String line = text.substring(0, text.indexOf("\r\n"));
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "not an HTTP/1.x request line");
        }
        if (!parts[0].equals("CONNECT")) {
            throw new BadRequest(405, "this relay answers CONNECT <handle>" + SealedHosts.SUFFIX + ":" + SealedHosts.PORT + " only");
        }
        return parts[1];
    }

    private void answer(Socket client, int status, String reason) {
        refused.increment();
        try (client) {
            String body = reason + "\n";
            client.getOutputStream().write(("HTTP/1.1 " + status + " " + reason.replaceAll("[\\r\\n]", " ") + "\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.trace("relay client left before its refusal: {}", e.toString());
        }
    }

    private static void bind(Socket s, String address) {
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("relay cannot bind outgoing connections to " + address, e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting and closes the listener; open tunnels end with their connections. */
    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (acceptor != null) {
            acceptor.interrupt();
        }
    }

    /** A request the relay refuses, with its status. */
    private static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
