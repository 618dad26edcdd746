package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.core.integrity.IntegrityException;
import io.privastream.core.integrity.PublisherKeys;
import io.privastream.manifest.Presentation;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.security.PublicKey;
import io.privastream.protocol.SwarmNames;
import java.util.List;
import java.util.Optional;

/**
 * A content the agent serves: its descriptor, its servers as download sources, and the external
 * prefixes its manifests referred to. Thread-safe.
 */
final class ContentSession {
    private final ContentDescriptor descriptor;
    private final List<Source> servers;
    private final ExternalPrefixes external;
    private final Optional<PublicKey> publisherKey;
    private final SwarmNames swarmNames;
    /** The last DASH presentation read from this content's manifest (live lead needs its segment times). */
    private volatile Optional<Presentation> presentation = Optional.empty();

    /** @throws AgentException 502 when the descriptor's publisher key is not an Ed25519 key */
    ContentSession(ContentDescriptor descriptor) {
        this.descriptor = descriptor;
        try {
            this.publisherKey = descriptor.publisherKey().map(PublisherKeys::decodePublic);
        } catch (IntegrityException e) {
            throw new AgentException(502, "the descriptor of " + descriptor.contentId() + " has a bad publisher key: " + e.getMessage());
        }
        try {
            this.swarmNames = SwarmNames.of(descriptor.contentId(), descriptor.swarmKey());
        } catch (IllegalArgumentException e) {
            throw new AgentException(502, "the descriptor of " + descriptor.contentId() + " has a bad swarm key: " + e.getMessage());
        }
        this.servers = descriptor.servers().stream().map(u -> Source.server(u.toString())).toList();
        this.external = new ExternalPrefixes(descriptor.contentId());
    }

    static ContentSession of(ContentDescriptor descriptor) {
        return new ContentSession(descriptor);
    }

    ContentDescriptor descriptor() {
        return descriptor;
    }

    List<Source> servers() {
        return servers;
    }

    /** The key that signs this content's digests; empty when its publisher signs none. */
    Optional<PublicKey> publisherKey() {
        return publisherKey;
    }

    /** What the tracker knows this content's swarm and objects by. */
    SwarmNames swarmNames() {
        return swarmNames;
    }

    ExternalPrefixes external() {
        return external;
    }

    Optional<Presentation> presentation() {
        return presentation;
    }

    void presentation(Presentation latest) {
        presentation = Optional.of(latest);
    }

    /** The object path under this content that {@code url} on one of its servers names, if it is on one. */
    Optional<String> pathOf(URI url) {
        String u = url.toString();
        return serverOf(url).map(s -> u.substring(s.endpoint().length()));
    }

    /** Nominal segment duration in nanoseconds. */
    long segmentDurationNanos() {
        return descriptor.segmentDurationMs() * 1_000_000L;
    }

    /**
     * Where servers hold {@code path}: one URL per server, in preference order.
     *
     * @throws AgentException 404 for an external path whose prefix no manifest of this content named
     */
    List<Upstream> upstreams(String path) {
        if (ExternalPrefixes.isExternal(path)) {
            URI url = external.resolve(path)
                    .orElseThrow(() -> new AgentException(404, "unknown external object '" + path + "' (not named by any manifest of "
                            + descriptor.contentId() + " this agent served)"));
            return List.of(new Upstream(Source.server(url.toString()), url));
        }
        return servers.stream().map(s -> new Upstream(s, URI.create(s.endpoint()).resolve(Paths.relative(path)))).toList();
    }

    /** The server base a path-relative reference in a manifest fetched from {@code url} points under, if any. */
    Optional<Source> serverOf(URI url) {
        String u = url.toString();
        return servers.stream().filter(s -> u.startsWith(s.endpoint())).findFirst();
    }

    /** A server source and the URL of one object on it. */
    record Upstream(Source server, URI url) {
    }
}
