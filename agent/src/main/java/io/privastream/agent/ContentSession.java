package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.util.List;

/**
 * A content the agent serves: its descriptor and the servers as download sources.
 *
 * @param descriptor what the manifest server said (or what was inferred for a third-party source)
 * @param servers    the descriptor's servers as sources, in order
 */
record ContentSession(ContentDescriptor descriptor, List<Source> servers) {

    static ContentSession of(ContentDescriptor descriptor) {
        return new ContentSession(descriptor, descriptor.servers().stream().map(u -> Source.server(u.toString())).toList());
    }

    /** The URL of {@code path} on {@code server}. */
    static URI resolve(Source server, String path) {
        return URI.create(server.endpoint()).resolve(path);
    }

    /** Nominal segment duration in nanoseconds. */
    long segmentDurationNanos() {
        return descriptor.segmentDurationMs() * 1_000_000L;
    }
}
