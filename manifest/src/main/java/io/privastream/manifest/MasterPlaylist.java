package io.privastream.manifest;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * An HLS master playlist (RFC 8216 §4.3.4), or the one-variant stand-in for a lone media
 * playlist.
 *
 * @param url        where it was fetched from
 * @param variants   {@code EXT-X-STREAM-INF} entries in playlist order; never empty
 * @param renditions {@code EXT-X-MEDIA} entries in playlist order
 */
public record MasterPlaylist(URI url, List<Variant> variants, List<Rendition> renditions) {

    /** @throws IllegalArgumentException if there are no variants */
    public MasterPlaylist {
        if (url == null || variants == null || renditions == null || variants.isEmpty()) {
            throw new IllegalArgumentException("a master playlist needs a URL and at least one variant: " + url);
        }
        variants = List.copyOf(variants);
        renditions = List.copyOf(renditions);
    }

    /** Every media playlist URL it references, variants first, without duplicates. */
    public List<URI> mediaPlaylists() {
        return Stream.concat(variants.stream().map(Variant::uri),
                renditions.stream().flatMap(r -> r.uri().stream())).distinct().toList();
    }
}
