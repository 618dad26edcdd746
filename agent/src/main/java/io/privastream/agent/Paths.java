package io.privastream.agent;

import java.net.URI;
import java.net.URISyntaxException;

/** Turning object paths back into URL references. */
final class Paths {
    private Paths() {
    }

    /**
     * {@code path} (already validated by {@link io.privastream.core.media.SegmentKey}) as a relative
     * URI reference, percent-encoding what URIs do not allow raw.
     */
    static URI relative(String path) {
        // A colon in the first segment would read as a URI scheme (RFC 3986 §4.2).
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String safe = first.indexOf(':') >= 0 ? "./" + path : path;
        try {
            return new URI(null, null, safe, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a URL of object path '" + path + "'", e);
        }
    }
}
