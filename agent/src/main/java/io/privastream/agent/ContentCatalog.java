package io.privastream.agent;

import io.privastream.core.media.ContentId;
import io.privastream.core.time.Ticker;
import io.privastream.protocol.ContentDescriptor;
import io.privastream.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the contents this agent can serve: descriptors fetched from manifest servers, and
 * third-party sources registered by URL.
 *
 * <p>Descriptors are kept for {@link #REFRESH} and re-fetched after (the old one is kept if the
 * refresh fails); ids no manifest server knows are remembered as unknown for a few seconds so a
 * player hammering a wrong URL does not hammer the servers. Thread-safe.
 */
final class ContentCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ContentCatalog.class);
    static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Duration NEGATIVE = Duration.ofSeconds(3);
    private static final int MAX_DESCRIPTOR_BYTES = 256 * 1024;

    private record Entry(Optional<ContentSession> session, long fetchedNanos, String failure, int status) {
    }

    private final HttpClient http;
    private final List<URI> manifestServers;
    private final Duration timeout;
    private final Ticker ticker;
    private final Map<ContentId, Entry> entries = new ConcurrentHashMap<>();
    private final Map<ContentId, ContentSession> pinned = new ConcurrentHashMap<>();

    ContentCatalog(HttpClient http, List<URI> manifestServers, Duration timeout, Ticker ticker) {
        this.http = http;
        this.manifestServers = List.copyOf(manifestServers);
        this.timeout = timeout;
        this.ticker = ticker;
    }

    /** Serves {@code session} for its content id without asking manifest servers (third-party sources). */
    void pin(ContentSession session) {
        pinned.put(session.descriptor().contentId(), session);
    }

    /** Contents known so far (pinned or fetched). */
    List<ContentId> known() {
        java.util.TreeSet<ContentId> ids = new java.util.TreeSet<>(pinned.keySet());
        entries.forEach((id, e) -> e.session().ifPresent(s -> ids.add(id)));
        return List.copyOf(ids);
    }

    /**
     * The contents the manifest servers list ({@code GET content}), for decoys; empty when none
     * answers. Not cached: callers keep what they need.
     */
    List<ContentId> listed() {
        java.util.Set<ContentId> ids = new java.util.LinkedHashSet<>();
        for (URI server : manifestServers) {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.resolve("content")).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200 || response.body().length > MAX_DESCRIPTOR_BYTES * 16) {
                    continue;
                }
                for (var node : Json.mapper().readTree(response.body())) {
                    if (node.hasNonNull("contentId")) {
                        try {
                            ids.add(ContentId.of(node.get("contentId").asText()));
                        } catch (IllegalArgumentException e) {
                            LOG.debug("manifest server {} lists a malformed id: {}", server, e.getMessage());
                        }
                    }
                }
            } catch (IOException e) {
                LOG.debug("listing contents at {} failed: {}", server, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The session of {@code id}.
     *
     * @throws AgentException 404 when no manifest server knows it, 502 when none answered
     */
    ContentSession resolve(ContentId id) {
        ContentSession p = pinned.get(id);
        if (p != null) {
            return p;
        }
        long now = ticker.nanos();
        Entry e = entries.get(id);
        if (e != null) {
            long age = now - e.fetchedNanos();
            if (e.session().isPresent() && age < REFRESH.toNanos()) {
                return e.session().get();
            }
            if (e.session().isEmpty() && age < NEGATIVE.toNanos()) {
                throw new AgentException(e.status(), e.failure());
            }
        }
        Entry fresh = fetch(id, now);
        if (fresh.session().isEmpty() && e != null && e.session().isPresent() && fresh.status() != 404) {
            // Keep serving what we knew while the manifest server is unreachable.
            return e.session().get();
        }
        entries.put(id, fresh);
        if (fresh.session().isEmpty()) {
            throw new AgentException(fresh.status(), fresh.failure());
        }
        return fresh.session().get();
    }

    private Entry fetch(ContentId id, long now) {
        if (manifestServers.isEmpty()) {
            return new Entry(Optional.empty(), now, "unknown content id " + id + " (this agent has no manifest server and no source with that id)", 404);
        }
        String lastFailure = "";
        boolean allSaid404 = true;
        for (URI server : manifestServers) {
            URI url = server.resolve("content/" + id + "/descriptor.json");
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    if (response.body().length > MAX_DESCRIPTOR_BYTES) {
                        throw new IOException("descriptor of " + response.body().length + " bytes is larger than " + MAX_DESCRIPTOR_BYTES);
                    }
                    ContentDescriptor d = Json.read(response.body(), ContentDescriptor.class);
                    if (!d.contentId().equals(id)) {
                        throw new IOException("descriptor names content " + d.contentId() + ", not " + id);
                    }
                    return new Entry(Optional.of(ContentSession.of(d)), now, "", 200);
                }
                allSaid404 &= response.statusCode() == 404;
                lastFailure = url + " answered " + response.statusCode();
            } catch (IOException | Json.MalformedMessageException e) {
                allSaid404 = false;
                lastFailure = url + ": " + e.getMessage();
                LOG.debug("descriptor fetch failed: {}", lastFailure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Entry(Optional.empty(), now, "interrupted", 503);
            }
        }
        if (allSaid404) {
            return new Entry(Optional.empty(), now, "unknown content id " + id + " (no manifest server knows it)", 404);
        }
        return new Entry(Optional.empty(), now, "no manifest server answered for " + id + " (last: " + lastFailure + ")", 502);
    }
}
