package io.privastream.core.download;

/**
 * A place an object's bytes can be fetched from.
 *
 * @param kind     peer or server
 * @param id       stable identity used for throughput estimates and penalties: the peer id, or the
 *                 server's base URL
 * @param endpoint how the I/O layer reaches it (a base URL, or an opaque peer handle); decisions
 *                 never read it
 */
public record Source(SourceKind kind, String id, String endpoint) {
    public Source {
        if (kind == null || id == null || id.isEmpty() || endpoint == null || endpoint.isEmpty()) {
            throw new IllegalArgumentException("source needs a kind, an id and an endpoint; got " + kind + " '" + id + "' '" + endpoint + "'");
        }
    }

    /** A peer source. */
    public static Source peer(String peerId, String endpoint) {
        return new Source(SourceKind.PEER, peerId, endpoint);
    }

    /** A server source whose id is its base URL. */
    public static Source server(String baseUrl) {
        return new Source(SourceKind.SERVER, baseUrl, baseUrl);
    }

    /** True for a peer. */
    public boolean isPeer() {
        return kind == SourceKind.PEER;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
