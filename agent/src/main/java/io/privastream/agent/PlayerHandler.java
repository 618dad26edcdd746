package io.privastream.agent;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import io.privastream.core.rate.TokenBucket;
import io.privastream.http.ContentTypes;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import io.privastream.protocol.AgentHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player-facing proxy: {@code GET /{contentId}/{path}} answers manifests (fetched from the
 * servers each time) and media objects (cache, peers, servers), plus {@code /_agent/stats}.
 */
final class PlayerHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(PlayerHandler.class);

    /** A player has no other source: wait for the download as long as it may run. */
    private static final RelayAnswer.Waits PLAYER_WAITS = new RelayAnswer.Waits(TimeUnit.SECONDS.toNanos(35), TimeUnit.SECONDS.toNanos(35));

    private final ContentCatalog catalog;
    private final ManifestProxy manifests;
    private final SegmentFetcher fetcher;
    private final SwarmDirectory directory;
    private final Counters counters;
    private final Supplier<AgentStats> stats;
    private final TokenBucket unpaced;
    private final Function<URI, URI> open;
    private final LivePrefetcher prefetcher;

    PlayerHandler(ContentCatalog catalog, ManifestProxy manifests, SegmentFetcher fetcher, SwarmDirectory directory, Counters counters,
            Supplier<AgentStats> stats, TokenBucket unpaced, Function<URI, URI> open, LivePrefetcher prefetcher) {
        this.catalog = catalog;
        this.manifests = manifests;
        this.fetcher = fetcher;
        this.directory = directory;
        this.counters = counters;
        this.stats = stats;
        this.unpaced = unpaced;
        this.open = open;
        this.prefetcher = prefetcher;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Responses.cors(response);
        String method = request.getMethod();
        if (HttpMethod.OPTIONS.is(method)) {
            Responses.preflight(response, callback, "GET, HEAD, OPTIONS");
            return true;
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, OPTIONS");
            Responses.error(response, callback, 405, "method " + Text.quote(method) + " not allowed; the agent answers GET and HEAD");
            return true;
        }
        String path = Request.getPathInContext(request);
        try {
            if (path.equals("/") || path.isEmpty()) {
                index(response, callback);
            } else if (path.equals("/_agent/stats")) {
                Responses.json(response, callback, 200, stats.get());
            } else if (path.equals("/_agent/open")) {
                String url = Request.extractQueryParameters(request).getValue("url");
                if (url == null || url.isBlank()) {
                    throw new AgentException(400, "give the manifest to play as /_agent/open?url=https://host/path/manifest.mpd");
                }
                URI player = open.apply(parseUrl(url));
                Responses.json(response, callback, 200, java.util.Map.of("playerUrl", player.toString()));
            } else {
                object(request, response, callback, path);
            }
        } catch (AgentException e) {
            counters.failedRequests.increment();
            LOG.debug("{} {} -> {}: {}", method, path, e.status(), e.getMessage());
            Responses.error(response, callback, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            counters.failedRequests.increment();
            Responses.error(response, callback, 400, e.getMessage());
        } catch (EofException e) {
            // The player went away mid-answer (seek, quality switch, closed tab): normal.
            LOG.trace("player hung up on {}", path);
        } catch (IOException e) {
            LOG.debug("writing {} to the player failed: {}", path, e.toString());
        } catch (RuntimeException e) {
            counters.failedRequests.increment();
            LOG.warn("unexpected failure answering {} {}", method, path, e);
            if (!response.isCommitted()) {
                Responses.error(response, callback, 500, "internal error: " + e);
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private void object(Request request, Response response, Callback callback, String path) throws IOException {
        int slash = path.indexOf('/', 1);
        if (slash < 0 || slash == path.length() - 1) {
            throw new AgentException(404, "no such object '" + Text.quote(path) + "'; use /{contentId}/{path}, e.g. /<id>/manifest.mpd");
        }
        ContentId id = ContentId.of(path.substring(1, slash));
        SegmentKey key = new SegmentKey(id, path.substring(slash + 1));
        ContentSession session = catalog.resolve(id);
        directory.join(id, session.descriptor().live(), session.swarmNames());
        if (isManifest(session, key.path())) {
            ManifestProxy.Manifest m = manifests.fetch(session, key.path());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            ObjectAnswer.send(request, response, callback, ManifestRouting.route(session, key.path(), m, prefetcher.holdback(session)),
                    m.contentType(), unpaced);
            return;
        }
        // Before this one's download: the next segment really appears about now.
        prefetcher.served(session, key);
        SegmentFetcher.Answer answer = fetcher.open(session, key);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, session.descriptor().live() ? "max-age=30" : "max-age=3600");
        switch (answer) {
            case SegmentFetcher.Answer.Ready ready -> whole(request, response, callback, key, ready.object(), ready.fromCache());
            // A HEAD has no body to stream: it waits for the download and reports its split
            // (the headless player asks that way after a streamed answer, whose last bytes can
            // reach it just before the download is filed).
            case SegmentFetcher.Answer.Arriving arriving when HttpMethod.HEAD.is(request.getMethod()) ->
                    whole(request, response, callback, key, fetcher.await(arriving.outcome(), key), false);
            case SegmentFetcher.Answer.Arriving arriving -> arriving(request, response, callback, key, arriving);
        }
    }

    /** A complete object, with where its bytes came from. */
    private void whole(Request request, Response response, Callback callback, SegmentKey key, CachedObject o, boolean fromCache)
            throws IOException {
        if (fromCache && HttpMethod.GET.is(request.getMethod())) {
            counters.cacheHits.increment();
        }
        response.getHeaders().put(AgentHeaders.PEER_BYTES, o.peerBytes());
        response.getHeaders().put(AgentHeaders.SERVER_BYTES, o.serverBytes());
        TokenBucket pace = prefetcher.delivery(o, fromCache, unpaced);
        counters.bytesToPlayers.add(ObjectAnswer.send(request, response, callback, o.data(), ContentTypes.forPath(key.path()), pace));
    }

    /**
     * An object still downloading: its verified bytes go to the player as they arrive, so the
     * player's first byte does not wait for the last source. A player measuring its own
     * downloads (dash.js discounts a segment's throughput by its time to first byte) then sees
     * what the sources deliver together. Where the download fails before its size is known, the
     * player gets the download's error; after, a short body.
     */
    private void arriving(Request request, Response response, Callback callback, SegmentKey key, SegmentFetcher.Answer.Arriving a)
            throws IOException {
        response.getHeaders().put(AgentHeaders.STREAMED, "1");
        long sent;
        try {
            sent = RelayAnswer.send(request, response, callback, a.growing(), ContentTypes.forPath(key.path()), unpaced, n -> { },
                    PLAYER_WAITS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(503, "interrupted");
        }
        if (sent < 0) {
            // No size before the download ended: it failed (its error is the answer), or it
            // completed between the two looks (then the whole object, with its split).
            response.getHeaders().remove(AgentHeaders.STREAMED);
            whole(request, response, callback, key, fetcher.await(a.outcome(), key), false);
            return;
        }
        counters.bytesToPlayers.add(sent);
    }

    private static URI parseUrl(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new AgentException(400, "not a URL: '" + Text.quote(url) + "'");
        }
    }

    private static boolean isManifest(ContentSession session, String path) {
        return ContentTypes.isManifest(path)
                || session.descriptor().dashManifest().filter(path::equals).isPresent()
                || session.descriptor().hlsManifest().filter(path::equals).isPresent();
    }

    private void index(Response response, Callback callback) {
        StringBuilder text = new StringBuilder("PRIVA-STREAM agent\n\nPoint a player at /{contentId}/manifest.mpd (DASH) or /{contentId}/master.m3u8 (HLS).\n");
        var known = catalog.known();
        if (!known.isEmpty()) {
            text.append("\nContents seen so far:\n");
            known.forEach(id -> text.append("  /").append(id).append("/\n"));
        }
        text.append("\nPlay any DASH/HLS origin through this agent: /_agent/open?url=<manifest URL>\nCounters: /_agent/stats\n");
        Responses.send(response, callback, 200, "text/plain; charset=utf-8", text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
