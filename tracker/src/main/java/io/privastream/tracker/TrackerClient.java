package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;
import io.privastream.protocol.ErrorResponse;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.HoldersResponse;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.JoinResponse;
import io.privastream.protocol.tracker.LookupRequest;
import io.privastream.protocol.tracker.LookupResponse;
import io.privastream.protocol.tracker.OpenRequest;
import io.privastream.protocol.tracker.RedeemRequest;
import io.privastream.protocol.tracker.RedeemResponse;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.protocol.tracker.OpenResponse;
import io.privastream.link.LinkProtocol;
import javax.net.ssl.SSLContext;
import io.privastream.protocol.tracker.PeerRequest;
import io.privastream.protocol.tracker.SwarmStats;
import io.privastream.protocol.tracker.TicketResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agents' client for a tracker's API (see {@link io.privastream.protocol.tracker}), on the
 * JDK {@link HttpClient}.
 *
 * <p>Every call completes within {@link #timeout()} (default 2 s) or fails with a
 * {@link TrackerException}; a call about a peer the tracker does not list fails with its
 * subtype {@link UnknownPeerException}, the agent's cue to join again. Arguments that could
 * never be valid (an unsafe segment path, a limit below 1) throw
 * {@link IllegalArgumentException} without a request. An interrupted call throws
 * {@link TrackerException} with the thread's interrupt flag set again.
 *
 * <p>Thread-safe; one client serves any number of threads. Close it to release its connections.
 */
public final class TrackerClient implements AutoCloseable {
    /** Timeout of each call unless another is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Larger answers are refused; the largest valid one (50 holders) is far smaller. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    private TrackerClient(URI baseUrl, Duration timeout, Optional<SSLContext> tls) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the tracker speaks HTTP/1.1; skip the h2c upgrade
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(context -> b.sslContext(context).sslParameters(LinkProtocol.of(context).clientParameters()));
        this.http = b.build();
    }

    /** A client of the tracker at {@code baseUrl} with the {@link #DEFAULT_TIMEOUT}; see {@link #of(URI, Duration)}. */
    public static TrackerClient of(URI baseUrl) {
        return of(baseUrl, DEFAULT_TIMEOUT);
    }

    /**
     * A client of the tracker at {@code baseUrl}, e.g. {@code http://10.0.0.1:7070/}.
     *
     * @param timeout longest a call may take, connecting included; positive
     * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http(s) URL or
     *                                  {@code timeout} is not positive
     */
    public static TrackerClient of(URI baseUrl, Duration timeout) {
        return of(baseUrl, timeout, Optional.empty());
    }

    /**
     * A client of the tracker at {@code baseUrl} whose encrypted links use {@code tls} (a
     * {@link LinkProtocol#context} whose pins name the tracker's key, so that the agent proves its own key
     * and talks to no impostor); without it, {@code https} URLs are checked by the JDK's default
     * certificate authorities.
     *
     * @throws IllegalArgumentException as {@link #of(URI, Duration)}
     */
    public static TrackerClient of(URI baseUrl, Duration timeout, Optional<SSLContext> tls) {
        if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("tracker URL must be an absolute http(s) URL, got '" + baseUrl + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String url = baseUrl.toString();
        return new TrackerClient(URI.create(url.endsWith("/") ? url : url + "/"), timeout, tls);
    }

    /** The tracker's base URL, ending with {@code /}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The longest any call takes before failing. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Joins (or rejoins) the swarm of {@code content}.
     *
     * @return the timing the agent must keep; {@code liveWindowMs} is 0 if the swarm is on demand
     *         (the first join of a swarm decides its mode)
     * @throws TrackerException if the tracker refused (e.g. 429 full) or did not answer
     */
    public JoinResponse join(ContentId content, JoinRequest request) throws TrackerException {
        return call(post(content, "join", request), "join " + content).ok(JoinResponse.class, "join " + content);
    }

    /**
     * Sends a batched change of holdings; also a heartbeat.
     *
     * @throws UnknownPeerException if the tracker does not list the peer
     * @throws TrackerException     if the tracker refused (e.g. 413 too many holdings) or did not answer
     */
    public void announce(ContentId content, AnnounceRequest request) throws TrackerException {
        expectNoContent(call(post(content, "announce", request), "announce to " + content), "announce to " + content);
    }

    /**
     * Tells the tracker the peer is alive.
     *
     * @throws UnknownPeerException if the tracker does not list the peer
     * @throws TrackerException     if the call failed otherwise
     */
    public void heartbeat(ContentId content, PeerId peer) throws TrackerException {
        expectNoContent(call(post(content, "heartbeat", new PeerRequest(peer)), "heartbeat to " + content),
                "heartbeat to " + content);
    }

    /**
     * Leaves the swarm, dropping all the peer's holdings.
     *
     * @return true if the tracker listed the peer, false if it did not (already gone)
     * @throws TrackerException if the call failed otherwise
     */
    public boolean leave(ContentId content, PeerId peer) throws TrackerException {
        try {
            expectNoContent(call(post(content, "leave", new PeerRequest(peer)), "leave " + content), "leave " + content);
            return true;
        } catch (UnknownPeerException e) {
            return false;
        }
    }

    /**
     * Holders of an object, claiming it when {@code request.claim()} and nobody holds it.
     *
     * @throws TrackerException if the call failed
     */
    public LookupResponse lookup(ContentId content, LookupRequest request) throws TrackerException {
        String what = "lookup in " + content;
        return call(post(content, "lookup", request), what).ok(LookupResponse.class, what);
    }

    /** Holders of {@code segment} for an asker that does not name itself; see {@link #holders(ContentId, String, PeerId, int)}. */
    public List<Holder> holders(ContentId content, String segment, int limit) throws TrackerException {
        return holders(content, segment, Optional.empty(), limit);
    }

    /**
     * Peers holding {@code segment}, most recently heard from first, never {@code asker}.
     *
     * @param limit at least 1; the tracker clamps it to its maximum (default 50)
     * @throws IllegalArgumentException if {@code segment} is not a safe object path or {@code limit < 1}
     * @throws TrackerException         if the call failed
     */
    public List<Holder> holders(ContentId content, String segment, PeerId asker, int limit) throws TrackerException {
        return holders(content, segment, Optional.of(asker), limit);
    }

    private List<Holder> holders(ContentId content, String segment, Optional<PeerId> asker, int limit)
            throws TrackerException {
        SegmentKey.checkPath(segment);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        String query = "?segment=" + URLEncoder.encode(segment, StandardCharsets.UTF_8) + "&limit=" + limit
                + asker.map(peer -> "&peer=" + peer).orElse("");
        String what = "holders of " + content + "/" + segment;
        return call(get(content, "holders" + query), what).ok(HoldersResponse.class, what).holders();
    }

    /**
     * Counts of the swarm of {@code content}.
     *
     * @return empty if the tracker has no such swarm
     * @throws TrackerException if the call failed
     */
    public Optional<SwarmStats> stats(ContentId content) throws TrackerException {
        String what = "stats of " + content;
        Reply reply = call(get(content, "stats"), what);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(reply.ok(SwarmStats.class, what));
    }

    /**
     * The addresses inside sealed handles (same order; empty string where one did not open).
     *
     * @throws TrackerException if the call failed, e.g. 403 from a tracker that opens handles only for its relay
     */
    public OpenResponse open(OpenRequest request) throws TrackerException {
        return call(post("v1/open", request), "open handles").ok(OpenResponse.class, "open handles");
    }

    /**
     * Redeems receipts at the tracker's ledger.
     *
     * @throws TrackerException if the call failed (nothing was acknowledged; the receipts may be presented again)
     */
    public RedeemResponse redeem(RedeemRequest request) throws TrackerException {
        return call(post("v1/ledger/redeem", request), "redeem receipts").ok(RedeemResponse.class, "redeem receipts");
    }

    /**
     * The standing of the identity {@code pin} ({@code sha256:...}) at the ledger.
     *
     * @throws TrackerException if the call failed
     */
    public Standing standing(String pin) throws TrackerException {
        String what = "standing of " + pin;
        return call(get("v1/ledger/accounts/" + pin), what).ok(Standing.class, what);
    }

    /**
     * This client's own standing, signed by the tracker: a ticket for the key the client proved on
     * its encrypted link, to show servers ({@link io.privastream.protocol.AgentHeaders#STANDING}).
     *
     * @throws TrackerException if the call failed, e.g. 403 over plain HTTP (no key proved), or the
     *                          answer is not a well-formed ticket
     */
    public StandingTicket ticket() throws TrackerException {
        String what = "standing ticket";
        TicketResponse answer = call(get("v1/ledger/ticket"), what).ok(TicketResponse.class, what);
        try {
            return StandingTicket.parse(answer.ticket());
        } catch (IllegalArgumentException e) {
            throw new TrackerException(what + ": tracker answered a malformed ticket: " + e.getMessage(), e);
        }
    }

    /**
     * The richest {@code limit} accounts.
     *
     * @throws TrackerException if the call failed
     */
    public List<Standing> accounts(int limit) throws TrackerException {
        return List.of(call(get("v1/ledger/accounts?limit=" + limit), "accounts").ok(Standing[].class, "accounts"));
    }

    /** Releases the client's connections; calls after closing fail. */
    @Override
    public void close() {
        http.close();
    }

    private HttpRequest post(ContentId content, String operation, Object body) {
        return post(swarmUri(content, operation), body);
    }

    private HttpRequest post(String path, Object body) {
        return post(baseUrl.resolve(path), body);
    }

    private HttpRequest post(URI uri, Object body) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build();
    }

    private HttpRequest get(ContentId content, String operationAndQuery) {
        return HttpRequest.newBuilder(swarmUri(content, operationAndQuery)).timeout(timeout).GET().build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout).GET().build();
    }

    private URI swarmUri(ContentId content, String operation) {
        return baseUrl.resolve("v1/swarms/" + content + "/" + operation);
    }

    private static void expectNoContent(Reply reply, String what) throws TrackerException {
        if (reply.status() == 404) {
            throw new UnknownPeerException(what + ": tracker does not list the peer (" + reply.errorText() + ")",
                    reply.errorText());
        }
        if (reply.status() / 100 != 2) {
            throw reply.failure(what);
        }
    }

    /** Sends {@code request} and waits at most {@link #timeout()} for the whole answer. */
    private Reply call(HttpRequest request, String what) throws TrackerException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Reply(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new TrackerException(what + ": no answer from " + baseUrl + " within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // The request's own timeout can fire just before ours: the same failure, said the same way.
                throw new TrackerException(what + ": no answer from " + baseUrl + " within " + timeout, cause);
            }
            throw new TrackerException(what + ": " + cause, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new TrackerException(what + ": interrupted", e);
        }
    }

    /** A tracker's answer: status and body bytes. */
    private record Reply(int status, byte[] body) {
        <T> T decode(Class<T> type, String what) throws TrackerException {
            try {
                return Json.read(body, type);
            } catch (Json.MalformedMessageException e) {
                throw new TrackerException(what + ": tracker answered " + e.getMessage(), e);
            }
        }

        /** The tracker's {@link ErrorResponse} text, else the start of its body, on one line. */
        String errorText() {
            try {
                return Answer.oneLine(Json.read(body, ErrorResponse.class).error());
            } catch (RuntimeException notAnErrorResponse) {
                return Answer.oneLine(new String(body, StandardCharsets.UTF_8));
            }
        }

        /** The decoded body of a 200 answer; any other status is the tracker's refusal. */
        <T> T ok(Class<T> type, String what) throws TrackerException {
            if (status != 200) {
                throw failure(what);
            }
            return decode(type, what);
        }

        TrackerException failure(String what) {
            String error = errorText();
            return new TrackerException(what + ": tracker answered " + status + " (" + error + ")", status, error);
        }
    }
}
