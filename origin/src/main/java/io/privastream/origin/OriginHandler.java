package io.privastream.origin;

import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.ServerStanding;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import io.privastream.core.rate.ScavengerUplink;
import io.privastream.core.rate.TransferLimit;
import io.privastream.http.ContentTypes;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import io.privastream.protocol.AgentHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

/** Routes the origin's HTTP interface (see docs/architecture.md). */
final class OriginHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(OriginHandler.class);
    /** Largest object an encoder may push. */
    static final int MAX_OBJECT_BYTES = 64 * 1024 * 1024;
    /** {@code GET /content/{id}/{path}.merkle}: the publisher's signed digest of {@code path}. */
    static final String DIGEST_SUFFIX = ".merkle";

    private final OriginServer origin;
    private final Ingest ingest;
    private final Function<Request, ScavengerUplink> buckets;
    /** Media answers in progress per listener, when {@link OriginConfig#maxTransfers()} bounds them. */
    private final ConcurrentHashMap<String, TransferLimit> transfers = new ConcurrentHashMap<>();
    /** Who is in good standing, when {@link OriginConfig#reservedTransfers()} keeps transfers for them. */
    private final Optional<ServerStanding> standing;

    OriginHandler(OriginServer origin, Ingest ingest, Function<Request, ScavengerUplink> buckets) {
        this.origin = origin;
        this.ingest = ingest;
        this.buckets = buckets;
        // The JDK's Ed25519 (about 2,500 verifications a second per core) is fast enough here: the
        // origin checks standing only for media requests it would otherwise turn away, at one
        // verification each (ServerStanding remembers issuers' signatures), while each answer it
        // admits costs it a whole segment of uplink.
        this.standing = origin.config().reservedTransfers() == 0 ? Optional.empty()
                : origin.config().standingIssuer().map(pin -> new ServerStanding(pin, ServerStanding.DEFAULT_MAX_AGE, Receipt.jdkVerifier()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Responses.cors(response);
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        try {
            if (HttpMethod.OPTIONS.is(method)) {
                Responses.preflight(response, callback, "GET, HEAD, PUT, POST, DELETE, OPTIONS");
            } else if (path.equals("/healthz")) {
                Responses.send(response, callback, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/content") || path.equals("/content/")) {
                requireRead(method);
                Responses.json(response, callback, 200, origin.listing());
            } else if (path.startsWith("/content/")) {
                requireRead(method);
                content(request, response, callback, path.substring("/content/".length()));
            } else if (path.startsWith("/ingest/")) {
                ingest(request, response, callback, method, path.substring("/ingest/".length()));
            } else {
                throw new OriginException(404, "no such path '" + Text.quote(path) + "'; see /content");
            }
        } catch (OriginException e) {
            Responses.error(response, callback, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            Responses.error(response, callback, 400, e.getMessage());
        } catch (EofException e) {
            // The client went away mid-answer (a player seeking, an agent cancelling a slow range).
            LOG.trace("client hung up on {}", path);
        } catch (IOException e) {
            LOG.debug("I/O failure on {} {}: {}", method, path, e.toString());
            if (!response.isCommitted()) {
                Responses.error(response, callback, 400, "could not read the request: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on {} {}", method, path, e);
            if (!response.isCommitted()) {
                Responses.error(response, callback, 500, "internal error");
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private static void requireRead(String method) {
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            throw new OriginException(405, "method " + Text.quote(method) + " not allowed here; content is read with GET or HEAD");
        }
    }

    private void content(Request request, Response response, Callback callback, String rest) throws IOException {
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new OriginException(404, "expected /content/{id}/{path}, got '/content/" + Text.quote(rest) + "'");
        }
        ContentId id = ContentId.of(rest.substring(0, slash));
        String path = SegmentKey.checkPath(rest.substring(slash + 1));
        Content content = origin.content(id).orElseThrow(() -> new OriginException(404, "unknown content id " + id));
        if (path.equals("descriptor.json")) {
            var d = content.descriptor(origin.serverBases(request, id)).map(origin.publisher()::describe)
                    .orElseThrow(() -> new OriginException(503, "content " + id + " has not published a manifest yet; retry shortly"));
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=10");
            Responses.json(response, callback, 200, d);
            return;
        }
        boolean digest = path.endsWith(DIGEST_SUFFIX);
        String objectPath = digest ? path.substring(0, path.length() - DIGEST_SUFFIX.length()) : path;
        if (digest && (objectPath.isEmpty() || Content.isManifest(objectPath))) {
            throw new OriginException(404, "only media objects have digests, not '" + Text.quote(objectPath) + "'");
        }
        StoredObject object = content.get(objectPath)
                .orElseThrow(() -> new OriginException(404, "no object '" + Text.quote(objectPath) + "' in " + id));
        // An object's digest is a small object of its own, with the object's validators' lifetime.
        StoredObject o = digest ? new StoredObject(origin.publisher().digest(id, objectPath, object), digestEtag(object.etag()),
                object.lastModified()) : object;
        response.getHeaders().put(HttpHeader.ETAG, o.etag());
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, Conditional.httpDate(o.lastModified()));
        boolean live = content.entry().live();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, Content.isManifest(path) && live ? "no-cache" : live ? "max-age=60" : "max-age=86400");
        Conditional.Outcome outcome = Conditional.evaluate(header(request, HttpHeader.IF_NONE_MATCH), header(request, HttpHeader.IF_MODIFIED_SINCE),
                header(request, HttpHeader.IF_RANGE), o.etag(), o.lastModified());
        if (outcome == Conditional.Outcome.NOT_MODIFIED) {
            response.setStatus(304);
            response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        String listener = request.getConnectionMetaData().getConnector().getName();
        int limit = origin.config().maxTransfers();
        // A background answer (a decoy's, AgentHeaders.PRIORITY) sends only on uplink the others
        // leave idle, so it takes no transfer slot from them.
        boolean background = AgentHeaders.background(request.getHeaders().get(AgentHeaders.PRIORITY));
        // Manifests and digests are small and needed by everyone: only media answers are bounded.
        // An object's first answer goes out beyond the limit (TransferLimit): new live segments enter the swarm at once.
        TransferLimit slots = limit == 0 || digest || background || Content.isManifest(path) ? null
                : transfers.computeIfAbsent(listener, l -> new TransferLimit(limit, origin.config().reservedTransfers()));
        String key = id + "/" + objectPath;
        if (slots != null && !slots.tryAcquire(key, false)) {
            // Refused as one not in good standing; one who shows good standing may still take a
            // reserved transfer. Checked only now, so that an origin with transfers to spare
            // verifies no signatures.
            boolean good = slots.reserves() && inGoodStanding(request);
            if (!good || !slots.tryAcquire(key, true)) {
                throw busy(response, slots, good);
            }
        }
        try {
            ScavengerUplink uplink = buckets.apply(request);
            ObjectAnswer.send(request, response, callback, o.data(), ContentTypes.forPath(path), background ? uplink.background() : uplink.foreground(),
                    outcome == Conditional.Outcome.NORMAL, n -> origin.counters().served(listener, n));
        } finally {
            if (slots != null) {
                slots.release();
            }
        }
    }

    private void ingest(Request request, Response response, Callback callback, String method, String rest) throws IOException {
        boolean put = HttpMethod.PUT.is(method) || HttpMethod.POST.is(method);
        boolean delete = HttpMethod.DELETE.is(method);
        if (!put && !delete) {
            throw new OriginException(405, "ingest takes PUT (or POST) and DELETE, not " + Text.quote(method));
        }
        Ingest.Target t = ingest.authorize(rest, Request.getRemoteAddr(request), header(request, HttpHeader.AUTHORIZATION));
        SegmentKey.checkPath(t.file());
        if (delete) {
            boolean gone = origin.liveStream(t.stream()).map(s -> s.delete(t.file())).orElse(false);
            if (!gone) {
                throw new OriginException(404, "no object '" + Text.quote(t.file()) + "' in stream " + t.stream());
            }
            response.setStatus(204);
            callback.succeeded();
            return;
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > MAX_OBJECT_BYTES) {
            throw new OriginException(413, "object of " + declared + " bytes is larger than the " + MAX_OBJECT_BYTES + " allowed");
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readNBytes(MAX_OBJECT_BYTES + 1);
        }
        if (body.length > MAX_OBJECT_BYTES) {
            throw new OriginException(413, "object larger than the " + MAX_OBJECT_BYTES + " bytes allowed");
        }
        LiveContent stream = origin.liveStreamOrCreate(t.stream());
        LiveContent.Stored stored;
        try {
            stored = stream.put(t.file(), body, Instant.now());
        } catch (IllegalStateException e) {
            throw new OriginException(507, e.getMessage());
        }
        if (!Content.isManifest(t.file())) {
            // Live segments are signed as they are produced, before any agent asks.
            stream.get(t.file()).ifPresent(o -> origin.publisher().digest(stream.id(), t.file(), o));
        }
        response.setStatus(stored == LiveContent.Stored.CREATED ? 201 : 204);
        callback.succeeded();
    }

    /** Counts a refused media request and says why: 503, {@code Retry-After: 1}. */
    private OriginException busy(Response response, TransferLimit slots, boolean good) {
        origin.counters().refused();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        int limit = origin.config().maxTransfers();
        if (slots.reserves() && !good) {
            origin.counters().refusedNotInGoodStanding();
            return new OriginException(503, "busy: this server keeps " + origin.config().reservedTransfers() + " of its " + limit
                    + " transfers for requesters in good standing (" + AgentHeaders.STANDING + "); take the bytes from peers or retry");
        }
        return new OriginException(503, "busy: " + limit + " transfers in progress on this server; take the bytes from peers or retry");
    }

    /**
     * Whether the request's standing headers show a requester in good standing, by the origin's
     * wall clock. The proof is checked against the request's raw path (as sent, not
     * percent-decoded, no query): the string an agent signs is its request URI's raw path.
     */
    private boolean inGoodStanding(Request request) {
        return standing.map(s -> s.good(request.getHeaders().get(AgentHeaders.STANDING), request.getHeaders().get(AgentHeaders.STANDING_PROOF),
                request.getHttpURI().getPath(), System.currentTimeMillis())).orElse(false);
    }

    /** {@code "abc"} becomes {@code "abc-d"}: the digest changes exactly when its object does. */
    private static String digestEtag(String objectEtag) {
        return objectEtag.substring(0, objectEtag.length() - 1) + "-d\"";
    }

    private static Optional<String> header(Request request, HttpHeader name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** The listing served at {@code GET /content}. */
    record Listed(ContentId contentId, String title, boolean live) {
    }

    static List<Listed> listing(List<Content> contents) {
        return contents.stream().map(c -> new Listed(c.id(), c.entry().title(), c.entry().live())).toList();
    }
}
