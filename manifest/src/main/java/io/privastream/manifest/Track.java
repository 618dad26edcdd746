package io.privastream.manifest;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Interchangeable encodings of the same content, among which a player switches: a DASH
 * {@code AdaptationSet}, or the variant streams (or one audio group) of an HLS master playlist.
 *
 * @param id              DASH {@code AdaptationSet@id} or its index; HLS {@code video} or the
 *                        audio {@code GROUP-ID}
 * @param kind            what the track carries
 * @param language        RFC 5646 language tag when given
 * @param representations in manifest order; never empty
 */
public record Track(String id, TrackKind kind, Optional<String> language, List<Representation> representations) {

    /** @throws IllegalArgumentException if there are no representations */
    public Track {
        if (id == null || kind == null || language == null || representations == null) {
            throw new IllegalArgumentException("track id, kind, language and representations are required");
        }
        if (representations.isEmpty()) {
            throw new IllegalArgumentException("track '" + id + "' has no representations");
        }
        representations = List.copyOf(representations);
    }

    /** The representations sorted by ascending bandwidth (stable for equal bandwidths). */
    public List<Representation> byBandwidth() {
        return representations.stream()
                .sorted(Comparator.comparingLong(Representation::bandwidthBitsPerSecond))
                .toList();
    }

    /** The representation with {@code id}, if any. */
    public Optional<Representation> representation(String representationId) {
        return representations.stream().filter(r -> r.id().equals(representationId)).findFirst();
    }
}
