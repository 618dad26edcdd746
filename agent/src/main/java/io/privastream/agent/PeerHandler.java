package io.privastream.agent;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import io.privastream.core.rate.TokenBucket;
import io.privastream.http.ContentTypes;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
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
 * The peer-facing server: {@code GET /peer/v1/{contentId}/{path}} with {@code Range}, answered from
 * the cache only, paced by the upload cap.
 */
final class PeerHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);
    static final String PREFIX = "/peer/v1/";

    private final ObjectCache cache;
    private final TokenBucket uploadBucket;
    private final boolean uploadEnabled;
    private final Counters counters;
    private final Function<SegmentKey, Optional<GrowingObject>> relays;
    /** Addresses peer requests came from (most recent 256): what this agent learns of who asks. */
    private final java.util.Set<String> observed = java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 256;
                }
            }));

    PeerHandler(ObjectCache cache, Function<SegmentKey, Optional<GrowingObject>> relays, TokenBucket uploadBucket, boolean uploadEnabled,
            Counters counters) {
        this.cache = cache;
        this.relays = relays;
        this.uploadBucket = uploadBucket;
        this.uploadEnabled = uploadEnabled;
        this.counters = counters;
    }

    /** The addresses requests came from lately (in relayed access: relays' addresses). */
    java.util.List<String> observedAddresses() {
        synchronized (observed) {
            return java.util.List.copyOf(observed);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        io.privastream.http.Links.remote(request).ifPresent(a -> observed.add(a.getAddress().getHostAddress()));
        try {
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                Responses.error(response, callback, 405, "method " + Text.quote(method) + " not allowed");
                return true;
            }
            if (!path.startsWith(PREFIX)) {
                Responses.error(response, callback, 404, "not a peer path: '" + Text.quote(path) + "'");
                return true;
            }
            if (!uploadEnabled) {
                Responses.error(response, callback, 403, "this agent does not upload");
                return true;
            }
            String rest = path.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                Responses.error(response, callback, 404, "expected /peer/v1/{contentId}/{path}, got '" + Text.quote(path) + "'");
                return true;
            }
            SegmentKey key = new SegmentKey(ContentId.of(rest.substring(0, slash)), rest.substring(slash + 1));
            Optional<CachedObject> object = cache.get(key);
            long sent;
            if (object.isPresent()) {
                sent = ObjectAnswer.send(request, response, callback, object.get().data(), ContentTypes.forPath(key.path()), uploadBucket, true,
                        counters.bytesToPeers::add);
            } else {
                Optional<GrowingObject> relay = relays.apply(key);
                sent = relay.isEmpty() ? -1
                        : RelayAnswer.send(request, response, callback, relay.get(), ContentTypes.forPath(key.path()), uploadBucket,
                                counters.bytesToPeers::add);
                if (sent < 0) {
                    // Finished between the two looks? Then it is cached now.
                    object = cache.get(key);
                    if (object.isEmpty()) {
                        counters.peerRequestsMissed.increment();
                        Responses.error(response, callback, 404, "not held: " + key);
                        return true;
                    }
                    sent = ObjectAnswer.send(request, response, callback, object.get().data(), ContentTypes.forPath(key.path()), uploadBucket,
                            true, counters.bytesToPeers::add);
                }
            }
            counters.peerRequestsServed.increment();
        } catch (IllegalArgumentException e) {
            Responses.error(response, callback, 400, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (EofException e) {
            // The requester cancelled (it found the bytes faster elsewhere): expected.
            LOG.trace("peer hung up on {}", path);
        } catch (IOException e) {
            LOG.debug("serving {} to a peer failed: {}", path, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure serving {} to a peer", path, e);
            if (!response.isCommitted()) {
                Responses.error(response, callback, 500, "internal error");
            } else {
                callback.failed(e);
            }
        }
        return true;
    }
}
