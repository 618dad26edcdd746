package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.media.Text;
import io.privastream.core.swarm.HeldObject;
import io.privastream.core.swarm.HolderInfo;
import io.privastream.core.swarm.Lookup;
import io.privastream.core.swarm.SwarmBook;
import io.privastream.core.swarm.SwarmMode;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.http.Links;
import io.privastream.link.Pin;
import io.privastream.protocol.tracker.HoldersResponse;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.JoinResponse;
import io.privastream.protocol.tracker.LookupRequest;
import io.privastream.protocol.tracker.LookupResponse;
import io.privastream.protocol.tracker.OpenRequest;
import io.privastream.protocol.tracker.OpenResponse;
import io.privastream.protocol.tracker.PeerRequest;
import io.privastream.protocol.tracker.SwarmStats;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * The operations under {@code /v1/swarms/{contentId}/}: parse and check the request, call the
 * {@link SwarmBook}, turn the result into an {@link Answer}. The book's own exceptions are
 * mapped to statuses by {@link TrackerHandler}.
 */
final class SwarmEndpoints {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,18}");

    private final SwarmBook book;
    private final SwarmPolicy policy;
    private final long maxBodyBytes;
    private final Contacts contacts;
    private final Observations observations;

    private final Memberships memberships;

    SwarmEndpoints(SwarmBook book, long maxBodyBytes, Contacts contacts, Observations observations, Memberships memberships) {
        this.observations = observations;
        this.memberships = memberships;
        this.book = book;
        this.policy = book.policy();
        this.maxBodyBytes = maxBodyBytes;
        this.contacts = contacts;
    }

    /** {@code POST /v1/open}: the addresses inside handles, for agents connecting directly. */
    Answer open(Request request) throws IOException {
        if (!request.getMethod().equals("POST")) {
            throw HttpProblem.methodNotAllowed(request.getMethod(), "POST");
        }
        OpenRequest open = read(request, OpenRequest.class);
        return Answer.json(200, new OpenResponse(open.handles().stream().map(h -> contacts.open(h).orElse("")).toList()));
    }

    Answer answer(Request request, String contentId, String operation) throws IOException {
        return switch (operation) {
            case "join" -> join(content(request, "POST", contentId), read(request, JoinRequest.class), Links.clientPin(request));
            case "announce" -> announce(content(request, "POST", contentId), read(request, AnnounceRequest.class));
            case "heartbeat" -> {
                ContentId content = content(request, "POST", contentId);
                book.heartbeat(content, read(request, PeerRequest.class).peer());
                yield Answer.noContent();
            }
            case "leave" -> {
                ContentId content = content(request, "POST", contentId);
                book.leave(content, read(request, PeerRequest.class).peer());
                yield Answer.noContent();
            }
            case "holders" -> holders(content(request, "GET", contentId), query(request));
            case "lookup" -> {
                ContentId content = content(request, "POST", contentId);
                LookupRequest lookup = read(request, LookupRequest.class);
                observations.lookup(Links.clientPin(request).map(Object::toString).orElse("peer:" + lookup.peer()), content);
                yield lookup(content, lookup);
            }
            case "stats" -> stats(content(request, "GET", contentId));
            default -> throw new HttpProblem(404, "no swarm operation '" + Text.quote(operation) + "'");
        };
    }

    /**
     * Over an encrypted link the tracker vouches only for the key the agent proved on this link: a declared pin
     * must be that key (else 400), and the proven key is recorded even if none was declared.
     */
    private Answer join(ContentId content, JoinRequest join, Optional<Pin> proven) {
        Optional<String> pin = join.pin();
        if (proven.isPresent()) {
            if (pin.isPresent() && !pin.get().equals(proven.get().toString())) {
                throw new HttpProblem(400, "declared pin " + pin.get() + " is not the key this link proved (" + proven.get() + ")");
            }
            pin = Optional.of(proven.get().toString());
        }
        SwarmMode mode = book.join(content, join.peer(), contacts.store(join.endpoint(), pin), SwarmMode.of(join.live()),
                join.uploadKbps().orElse(0));
        pin.ifPresent(p -> memberships.joined(p, content));
        return Answer.json(200, new JoinResponse(policy.heartbeatInterval().toMillis(), policy.peerTimeout().toMillis(),
                mode.isLive() ? policy.liveWindow().toMillis() : 0));
    }

    private Answer announce(ContentId content, AnnounceRequest announce) {
        List<HeldObject> have = announce.have().stream()
                .map(holding -> new HeldObject(holding.segment(), holding.sizeBytes()))
                .toList();
        book.announce(content, announce.peer(), have, announce.drop());
        return Answer.noContent();
    }

    private Answer holders(ContentId content, Fields query) {
        String segment = single(query, "segment")
                .orElseThrow(() -> new HttpProblem(400, "query parameter 'segment' is required"));
        Optional<PeerId> asker = single(query, "peer").map(value -> parse(value, PeerId::of));
        int limit = single(query, "limit").map(this::limit).orElse(policy.defaultHolders());
        List<HolderInfo> found = asker.isPresent()
                ? book.holders(content, segment, asker.get(), limit)
                : book.holders(content, segment, limit);
        return Answer.json(200, new HoldersResponse(found.stream().map(contacts::wire).toList()));
    }

    private Answer lookup(ContentId content, LookupRequest lookup) {
        int limit = Math.min(lookup.limit(), policy.maxHolders());
        if (!lookup.claim()) {
            List<HolderInfo> found = book.holders(content, lookup.segment(), lookup.peer(), limit);
            return Answer.json(200, new LookupResponse(found.stream().map(contacts::wire).toList(), false));
        }
        Lookup result = book.claim(content, lookup.segment(), lookup.peer(), limit);
        return Answer.json(200, new LookupResponse(result.holders().stream().map(contacts::wire).toList(), result.claimed()));
    }

    /** A whole number of at least 1; values above the policy's maximum are clamped to it. */
    private int limit(String value) {
        if (!WHOLE_NUMBER.matcher(value).matches() || Long.parseLong(value) < 1) {
            throw new HttpProblem(400, "query parameter 'limit' must be a whole number >= 1, got '" + Text.quote(value) + "'");
        }
        return (int) Math.min(Long.parseLong(value), policy.maxHolders());
    }

    private Answer stats(ContentId content) {
        return book.stats(content)
                .map(s -> Answer.json(200, new SwarmStats(s.peers(), s.objects(), s.holdings(), s.mode().isLive())))
                .orElseGet(() -> Answer.error(404, "no swarm for content " + content));
    }

    /** Checks the method first (405 before 400), then parses the content id from the path. */
    private static ContentId content(Request request, String method, String contentId) {
        if (!request.getMethod().equals(method)) {
            throw HttpProblem.methodNotAllowed(request.getMethod(), method);
        }
        return parse(contentId, ContentId::of);
    }

    private <T> T read(Request request, Class<T> type) throws IOException {
        return Json.read(RequestBody.readJson(request, maxBodyBytes), type);
    }

    private static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException e) { // Jetty's own decoding of a malformed query
            throw new HttpProblem(400, "malformed query string: " + e.getMessage());
        }
    }

    private static Optional<String> single(Fields query, String name) {
        List<String> values = query.getValues(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new HttpProblem(400, "query parameter '" + name + "' must be given once, got " + values.size() + " times");
        }
        return Optional.of(values.getFirst());
    }

    private static <T> T parse(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
    }
}
