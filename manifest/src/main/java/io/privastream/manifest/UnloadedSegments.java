package io.privastream.manifest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The segments of an HLS media playlist that has not been loaded: none known yet. */
final class UnloadedSegments implements SegmentIndex {
    private final URI playlist;

    UnloadedSegments(URI playlist) {
        this.playlist = playlist;
    }

    @Override
    public List<MediaSegment> available(Instant now) {
        return List.of();
    }

    @Override
    public Optional<MediaSegment> segment(long number) {
        return Optional.empty();
    }

    @Override
    public boolean loaded() {
        return false;
    }

    @Override
    public String toString() {
        return "UnloadedSegments[" + playlist + "]";
    }
}
