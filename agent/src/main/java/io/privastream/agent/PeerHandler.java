package io.privastream.agent;

import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.UploadSlots;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import io.privastream.core.rate.Pacer;
import io.privastream.core.rate.ScavengerUplink;
import io.privastream.http.ContentTypes;
import io.privastream.http.Links;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import io.privastream.protocol.AgentHeaders;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The peer-facing server: {@code GET /peer/v1/{contentId}/{path}} with {@code Range}, answered
 * from the cache (or relayed while downloading), paced by the upload cap, best-standing
 * requesters first when busy; and {@code POST /peer/v1/receipts}, receipts for what this agent
 * served.
 */
final class PeerHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);
    static final String PREFIX = "/peer/v1/";
    private static final int MAX_RECEIPT_BODY = 256 * 1024;

    private final ObjectCache cache;
    private final ScavengerUplink uplink;
    private final boolean uploadEnabled;
    private final Counters counters;
    private final Function<SegmentKey, Optional<GrowingObject>> relays;
    private final Receipts receipts;
    private final Incentives incentives;
    private final UploadQueue queue;
    /** Addresses peer requests came from (most recent 256): what this agent learns of who asks. */
    private final Set<String> observed = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 256;
        }
    }));

    PeerHandler(ObjectCache cache, Function<SegmentKey, Optional<GrowingObject>> relays, ScavengerUplink uplink, boolean uploadEnabled,
            Counters counters, Receipts receipts, Incentives incentives, UploadQueue queue) {
        this.cache = cache;
        this.relays = relays;
        this.uplink = uplink;
        this.uploadEnabled = uploadEnabled;
        this.counters = counters;
        this.receipts = receipts;
        this.incentives = incentives;
        this.queue = queue;
    }

    /** The addresses requests came from lately (in relayed access: relays' addresses). */
    List<String> observedAddresses() {
        synchronized (observed) {
            return List.copyOf(observed);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Links.remote(request).ifPresent(a -> observed.add(a.getAddress().getHostAddress()));
        try {
            if (path.equals(Receipts.PATH)) {
                receive(request, response, callback);
                return true;
            }
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
            // A busy agent serves the best-standing requesters first: their rank comes from the
            // ledger, by the key their link proved, never from what they say.
            // A background request (a decoy, see AgentHeaders.PRIORITY) waits behind every other
            // and sends only on uplink the others leave idle.
            boolean background = AgentHeaders.background(request.getHeaders().get(AgentHeaders.PRIORITY));
            long rank = background ? Long.MIN_VALUE : incentives.priority(Links.clientPin(request));
            Optional<UploadQueue.Permit> permit = queue.enter(rank, UploadSlots.PATIENCE);
            if (permit.isEmpty()) {
                Responses.error(response, callback, 503, "busy serving others; try another source");
                return true;
            }
            try (UploadQueue.Permit held = permit.get()) {
                serve(request, response, callback, key, background ? uplink.background() : uplink.foreground());
            }
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

    private void serve(Request request, Response response, Callback callback, SegmentKey key, Pacer pacer) throws IOException, InterruptedException {
        Optional<CachedObject> object = cache.get(key);
        long sent;
        if (object.isPresent()) {
            sent = ObjectAnswer.send(request, response, callback, object.get().data(), ContentTypes.forPath(key.path()), pacer, true,
                    counters.bytesToPeers::add);
        } else {
            Optional<GrowingObject> relay = relays.apply(key);
            sent = -1;
            if (relay.isPresent()) {
                response.getHeaders().put(AgentHeaders.RELAYED, "1");
                sent = RelayAnswer.send(request, response, callback, relay.get(), ContentTypes.forPath(key.path()), pacer,
                        counters.bytesToPeers::add, RelayAnswer.Waits.PEER);
            }
            if (sent < 0) {
                // Finished between the two looks? Then it is cached now.
                response.getHeaders().remove(AgentHeaders.RELAYED);
                object = cache.get(key);
                if (object.isEmpty()) {
                    counters.peerRequestsMissed.increment();
                    Responses.error(response, callback, 404, "not held: " + key);
                    return;
                }
                ObjectAnswer.send(request, response, callback, object.get().data(), ContentTypes.forPath(key.path()), pacer, true,
                        counters.bytesToPeers::add);
            }
        }
        counters.peerRequestsServed.increment();
    }

    /** {@code POST /peer/v1/receipts}: a receiver's signed receipts for what this agent served it. */
    private void receive(Request request, Response response, Callback callback) throws IOException {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Responses.error(response, callback, 405, "receipts are POSTed");
            return;
        }
        long length = request.getLength();
        if (length > MAX_RECEIPT_BODY) {
            Responses.error(response, callback, 413, "receipt body over " + MAX_RECEIPT_BODY + " bytes");
            return;
        }
        // Bounded even without a Content-Length: a chunked body stops counting at the limit.
        byte[] body = Request.asInputStream(request).readNBytes(MAX_RECEIPT_BODY + 1);
        if (body.length > MAX_RECEIPT_BODY) {
            Responses.error(response, callback, 413, "receipt body over " + MAX_RECEIPT_BODY + " bytes");
            return;
        }
        RedeemRequest r;
        List<Receipt> parsed;
        try {
            r = Json.read(body, RedeemRequest.class);
            parsed = r.receipts().stream().map(ReceiptWire::receipt).toList();
        } catch (Json.MalformedMessageException | IllegalArgumentException e) {
            Responses.error(response, callback, 400, "malformed receipts: " + e.getMessage());
            return;
        }
        receipts.collected(parsed);
        response.setStatus(204);
        callback.succeeded();
    }
}
