package io.privastream.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

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
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        // Requests carry no large headers; a small bound limits what junk can make us hold.
        config.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        return connector;
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
