package io.privastream.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import io.privastream.link.LinkProtocol;
import io.privastream.link.Tls;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Builds the Jetty servers every component runs: core handlers, one virtual thread per request. */
public final class HttpServers {
    private HttpServers() {
    }

    /**
     * A stopped server named {@code name} whose requests run on virtual threads, so handlers may
     * block (paced writes, upstream fetches) without starving others.
     */
    public static Server create(String name) {
        VirtualThreadPool pool = new VirtualThreadPool();
        pool.setName(name);
        Server server = new Server(pool);
        // No graceful drain: peers and players retry elsewhere, and a drain holds every
        // shutdown (and every test) hostage to idle keep-alive connections.
        server.setStopTimeout(0);
        return server;
    }

    /**
     * Adds a listener on {@code host:port} (port 0 = any free port) and returns it.
     *
     * @param name a connector name handlers can tell listeners apart by
     */
    public static ServerConnector listen(Server server, String name, String host, int port) {
        return listen(server, name, host, port, Optional.empty());
    }

    /**
     * Like {@link #listen(Server, String, String, int)}, speaking the encrypted link of {@code tls} (Noise XX or TLS 1.3) when
     * present (see {@link #connectionFactories}).
     */
    public static ServerConnector listen(Server server, String name, String host, int port, Optional<SSLContext> tls) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        // Requests carry no large headers; a small bound limits what junk can make us hold.
        config.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, 1, 1, connectionFactories(config, tls));
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        return connector;
    }

    /**
     * What a connector speaking {@code config} needs: HTTP/1.1, inside the encrypted link of {@code tls}
     * when present. Clients are asked for their key but not required to have one (handlers read
     * it with {@link Links#clientPin}); no SNI or host-name check, since nodes are reached by
     * address and authenticated by pinned keys, not names.
     */
    public static ConnectionFactory[] connectionFactories(HttpConfiguration config, Optional<SSLContext> tls) {
        if (tls.isEmpty()) {
            return new ConnectionFactory[] {new HttpConnectionFactory(config)};
        }
        config.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(tls.get());
        if (LinkProtocol.of(tls.get()) == LinkProtocol.TLS) {
            factory.setIncludeProtocols(Tls.PROTOCOL);
            factory.setIncludeCipherSuites(Tls.CIPHER_SUITES.toArray(String[]::new));
        }
        factory.setUseCipherSuitesOrder(true);
        factory.setWantClientAuth(true);
        factory.setSniRequired(false);
        factory.setEndpointIdentificationAlgorithm(null);
        // Heap buffers (Jetty's default): direct ones measured slower with JSSE (bench crypto 0.62 vs 0.66-0.72).
        return new ConnectionFactory[] {new SslConnectionFactory(factory, "http/1.1"), new HttpConnectionFactory(config)};
    }

    /**
     * Starts {@code server} with {@code handler}.
     *
     * @throws UncheckedIOException with a message naming the address when a port is taken
     */
    public static void start(Server server, Handler handler) {
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            Throwable cause = e;
            while (cause != null && !(cause instanceof BindException)) {
                cause = cause.getCause();
            }
            String where = server.getConnectors().length == 0 ? "" : describe((ServerConnector) server.getConnectors()[0]);
            if (cause != null || e instanceof IOException && String.valueOf(e.getMessage()).contains("bind")) {
                throw new UncheckedIOException("cannot listen on " + where + ": address in use (choose another port, or 0 for any free one)",
                        e instanceof IOException io ? io : new IOException(e));
            }
            throw new UncheckedIOException("cannot start server " + where + ": " + e.getMessage(), new IOException(e));
        }
    }

    /** The port a started connector listens on. */
    public static int port(ServerConnector connector) {
        return connector.getLocalPort();
    }

    /** Stops {@code server}, logging nothing; for shutdown paths. */
    public static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Shutting down: nothing useful to do with a failure here.
        }
    }

    private static String describe(ServerConnector c) {
        return (c.getHost() == null ? "0.0.0.0" : c.getHost()) + ":" + c.getPort();
    }
}
