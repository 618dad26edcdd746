package io.privastream.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A stretch of the presentation with one set of tracks: a DASH {@code Period}; an HLS
 * presentation is one period.
 *
 * @param id       DASH {@code Period@id} or its index
 * @param start    start in the presentation timeline (ISO/IEC 23009-1 §5.3.2.1), >= 0
 * @param duration length, when the manifest says or implies it
 * @param tracks   in manifest order
 */
public record Period(String id, Duration start, Optional<Duration> duration, List<Track> tracks) {

    /** @throws IllegalArgumentException if {@code start} or {@code duration} is negative */
    public Period {
        if (id == null || start == null || duration == null || tracks == null) {
            throw new IllegalArgumentException("period id, start, duration and tracks are required");
        }
        if (start.isNegative() || duration.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("period '" + id + "': start and duration must be >= 0, got " + start + ", " + duration);
        }
        tracks = List.copyOf(tracks);
    }

    /** The first track of {@code kind}, if any. */
    public Optional<Track> firstTrack(TrackKind kind) {
        return tracks.stream().filter(t -> t.kind() == kind).findFirst();
    }

    /** All tracks of {@code kind}, in manifest order. */
    public List<Track> tracks(TrackKind kind) {
        return tracks.stream().filter(t -> t.kind() == kind).toList();
    }
}
