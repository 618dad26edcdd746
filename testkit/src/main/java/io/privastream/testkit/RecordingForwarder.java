package io.privastream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An interposed TCP hop that records what crosses it: listens on a loopback port, forwards each
 * connection to {@code target} and keeps every byte of each direction, as a network observer on
 * that link would see them. Point a component's advertised address (or a client's URL) at
 * {@link #port()} to put the recorder on its link.
 *
 * <p>Thread-safe; one virtual thread per direction per connection.
 */
public final class RecordingForwarder implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final List<ByteArrayOutputStream> streams = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Starts forwarding from a free loopback port to {@code targetHost:targetPort}. */
    public RecordingForwarder(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        try {
            this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = Thread.ofVirtual().name("recorder-" + targetPort).start(this::accept);
    }

    /** The port to connect to instead of the target's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Every byte recorded so far, one array per connection and direction. */
    public List<byte[]> recorded() {
        synchronized (streams) {
            return streams.stream().map(s -> {
                synchronized (s) {
                    return s.toByteArray();
                }
            }).toList();
        }
    }

    /** Bytes recorded so far, both directions. */
    public long bytes() {
        return recorded().stream().mapToLong(b -> b.length).sum();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 2_000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                ByteArrayOutputStream up = stream();
                ByteArrayOutputStream down = stream();
                Thread.ofVirtual().start(() -> copy(client, server, up));
                Thread.ofVirtual().start(() -> copy(server, client, down));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private ByteArrayOutputStream stream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        synchronized (streams) {
            streams.add(s);
        }
        return s;
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (record) {
                    record.write(buf, 0, n);
                }
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
    }
}
