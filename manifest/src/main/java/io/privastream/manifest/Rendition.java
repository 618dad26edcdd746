package io.privastream.manifest;

import java.net.URI;
import java.util.Optional;

/**
 * One {@code EXT-X-MEDIA} entry of an HLS master playlist (RFC 8216 §4.3.4.1).
 *
 * @param type      {@code TYPE}: AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS
 * @param groupId   {@code GROUP-ID}
 * @param name      {@code NAME}
 * @param language  {@code LANGUAGE}
 * @param isDefault {@code DEFAULT=YES}
 * @param uri       {@code URI}: its media playlist; empty when the rendition is muxed into the variants
 */
public record Rendition(String type, String groupId, String name, Optional<String> language, boolean isDefault,
                        Optional<URI> uri) {

    /** @throws IllegalArgumentException if a component is missing */
    public Rendition {
        if (type == null || groupId == null || name == null || language == null || uri == null) {
            throw new IllegalArgumentException("rendition type, group, name, language and uri are required");
        }
    }
}
