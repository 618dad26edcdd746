package io.privastream.agent;

import io.privastream.core.integrity.PublisherKeys;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.integrity.SignedDigest;
import io.privastream.core.media.ContentId;
import io.privastream.core.rate.Bandwidth;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.ContentTypes;
import io.privastream.http.HttpServers;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import io.privastream.protocol.AgentHeaders;
import io.privastream.protocol.ContentDescriptor;
import io.privastream.protocol.Json;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A minimal public server for agent tests: objects in memory, Range, a descriptor, an upload cap,
 * and (unless {@link #signs} is cleared) the publisher's signed digests at {@code {path}.merkle}.
 * Digest requests are counted apart ({@link #digestRequests}), not in {@link #requests} or
 * {@link #bytesServed}.
 */
final class TestOrigin implements AutoCloseable {
    final ContentId content = ContentId.of("feedc0de00000001");
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicLong bytesServed = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    final AtomicLong digestRequests = new AtomicLong();
    /** The standing headers of each object request, in arrival order. */
    final List<Shown> standings = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * What one object request showed of its sender's standing.
     *
     * @param path   the request's path as this server read it
     * @param ticket its {@link AgentHeaders#STANDING} header; null when absent
     * @param proof  its {@link AgentHeaders#STANDING_PROOF} header; null when absent
     */
    record Shown(String path, String ticket, String proof) {
    }
    final java.security.KeyPair keys = PublisherKeys.generate();
    /** The key digests are really signed with; {@link #keys} unless forged. */
    private volatile java.security.PrivateKey signing = keys.getPrivate();
    /** Publish digests and the key; false makes an origin that signs nothing (a third-party one). */
    volatile boolean signs = true;
    private final Server server = HttpServers.create("test-origin");
    private final ServerConnector connector = HttpServers.listen(server, "origin", "127.0.0.1", 0);
    private final TokenBucket bucket;
    private final boolean live;
    /** Other servers holding the same content, listed in the descriptor after this one. */
    final List<URI> alsoServedBy = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestOrigin(Bandwidth uploadCap, boolean live) {
        this.bucket = TokenBucket.forLink(uploadCap, Ticker.system());
        this.live = live;
        HttpServers.start(server, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                String prefix = "/content/" + content + "/";
                if (!path.startsWith(prefix)) {
                    Responses.error(response, callback, 404, "unknown content");
                    return true;
                }
                String rest = path.substring(prefix.length());
                if (rest.equals("descriptor.json")) {
                    Responses.json(response, callback, 200, descriptor());
                    return true;
                }
                if (rest.endsWith(Digests.SUFFIX) && signs) {
                    byte[] object = objects.get(rest.substring(0, rest.length() - Digests.SUFFIX.length()));
                    if (object == null) {
                        Responses.error(response, callback, 404, "no " + rest);
                        return true;
                    }
                    digestRequests.incrementAndGet();
                    String objectPath = rest.substring(0, rest.length() - Digests.SUFFIX.length());
                    byte[] digest = SignedDigest.sign(content, objectPath, object, SegmentDigest.chunkBytesFor(object.length), signing).encode();
                    Responses.send(response, callback, 200, "text/plain", digest);
                    return true;
                }
                byte[] data = objects.get(rest);
                if (data == null) {
                    Responses.error(response, callback, 404, "no " + rest);
                    return true;
                }
                standings.add(new Shown(request.getHttpURI().getPath(), request.getHeaders().get(AgentHeaders.STANDING),
                        request.getHeaders().get(AgentHeaders.STANDING_PROOF)));
                requests.incrementAndGet();
                requestsByPath.computeIfAbsent(rest, r -> new AtomicLong()).incrementAndGet();
                ObjectAnswer.send(request, response, callback, data, ContentTypes.forPath(rest), bucket, true, bytesServed::addAndGet);
                return true;
            }
        });
    }

    /** Signs digests with {@code other}'s key from now on, while the descriptor keeps naming {@link #keys}. */
    void forgeDigestsWith(java.security.KeyPair other) {
        signing = other.getPrivate();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + HttpServers.port(connector) + "/");
    }

    ContentDescriptor descriptor() {
        List<URI> servers = new java.util.ArrayList<>(List.of(base().resolve("content/" + content + "/")));
        alsoServedBy.forEach(u -> servers.add(u.resolve("content/" + content + "/")));
        return new ContentDescriptor(content, live, servers, Optional.of("manifest.mpd"),
                Optional.empty(), 2000, live ? 30_000 : 0, List.of(), Optional.empty(),
                signs ? Optional.of(PublisherKeys.encodePublic(keys.getPublic())) : Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
        HttpServers.stopQuietly(server);
    }

    /** Decodes a descriptor the way agents do, to check the JSON round trip. */
    static ContentDescriptor parse(byte[] json) {
        return Json.read(json, ContentDescriptor.class);
    }
}
