package io.privastream.player;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.privastream.core.rate.Bandwidth;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A small origin on loopback port 0 for player tests: serves resources from memory through an
 * emulated link of a chosen rate, can pause before a chosen path, can add the agent's
 * byte-attribution headers, and logs every request.
 */
final class TestOrigin implements AutoCloseable {
    /** One served request: path, status, body bytes sent. */
    record Request(String path, int status, long bytes) {
    }

    /** What a path serves at the moment it is asked: a body, or empty for 404. */
    interface Resource {
        Optional<byte[]> body();
    }

    private final HttpServer server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, Duration> pauses = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile TokenBucket link = TokenBucket.unlimited(Ticker.system());
    private volatile Function<Long, long[]> attribution;

    private TestOrigin(HttpServer server) {
        this.server = server;
    }

    static TestOrigin start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        TestOrigin origin = new TestOrigin(server);
        server.createContext("/", origin::handle);
        server.start();
        return origin;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    void put(String path, byte[] body) {
        resources.put(path, () -> Optional.of(body));
    }

    void put(String path, String body) {
        put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    void put(String path, Resource resource) {
        resources.put(path, resource);
    }

    /** Sends every response body through a link of {@code rate}, with a small (4 KiB) burst so short downloads measure the rate. */
    void throttle(Bandwidth rate) {
        link = new TokenBucket(rate, 4096, Ticker.system());
    }

    /** The next request for {@code path} waits {@code pause} before it is answered. */
    void pauseOnce(String path, Duration pause) {
        pauses.put(path, pause);
    }

    /** Adds X-PrivaStream-Peer/Server-Bytes to segment responses: {@code split(bytes)} gives {peer, server}. */
    void agentHeaders(Function<Long, long[]> split) {
        attribution = split;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(1);
            Duration pause = pauses.remove(path);
            if (pause != null) {
                LockSupport.parkNanos(pause.toNanos()); // the misbehaving server under test, not a test wait
            }
            Resource resource = resources.get(path);
            Optional<byte[]> body = resource == null ? Optional.empty() : resource.body();
            if (body.isEmpty()) {
                requests.add(new Request(path, 404, 0));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.get();
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            if (range != null && range.matches("bytes=\\d+-\\d+")) {
                // RFC 9110 §14.2: one satisfiable range gets a 206 with just those bytes.
                String[] firstLast = range.substring("bytes=".length()).split("-");
                int first = Integer.parseInt(firstLast[0]);
                int last = Math.min(Integer.parseInt(firstLast[1]), bytes.length - 1);
                exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
                bytes = java.util.Arrays.copyOfRange(bytes, first, last + 1);
                status = 206;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(path));
            Function<Long, long[]> split = attribution;
            if (split != null && path.endsWith(".m4s")) {
                long[] peerServer = split.apply((long) bytes.length);
                exchange.getResponseHeaders().set(Http.PEER_BYTES, Long.toString(peerServer[0]));
                exchange.getResponseHeaders().set(Http.SERVER_BYTES, Long.toString(peerServer[1]));
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int chunk = 4096;
                for (int off = 0; off < bytes.length; off += chunk) {
                    int n = Math.min(chunk, bytes.length - off);
                    long wait = link.reserve(n);
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // pacing the emulated link
                    }
                    out.write(bytes, off, n);
                    out.flush();
                }
            } catch (IOException clientGone) {
                // the player cancelled (stop, timeout): nothing to do
            }
            requests.add(new Request(path, status, bytes.length));
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".mpd")) {
            return "application/dash+xml";
        }
        if (path.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        return "video/iso.segment";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
