package io.privastream.player;

import io.privastream.core.playback.MediaKind;
import io.privastream.manifest.MediaSegment;
import io.privastream.manifest.Representation;
import io.privastream.manifest.TrackKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where one track's downloading stands: which representation, which segment next. */
final class TrackCursor {
    /** Tolerance when matching a segment by start time across representations. */
    private static final Duration ALIGNMENT = Duration.ofMillis(100);

    final MediaKind kind;
    final TrackKind trackKind;
    /** The representations to choose from, ascending by bandwidth. */
    final List<Representation> ladder;
    int index;
    long next;
    Optional<Duration> nextStart = Optional.empty();
    Duration nominal;
    boolean done;

    TrackCursor(MediaKind kind, TrackKind trackKind, List<Representation> ladder, int index, Duration nominal) {
        this.kind = kind;
        this.trackKind = trackKind;
        this.ladder = ladder;
        this.index = index;
        this.nominal = nominal;
    }

    String representationId() {
        return ladder.get(index).id();
    }

    /** The bitrates of the ladder, ascending. */
    List<Long> bitrates() {
        return ladder.stream().map(Representation::bandwidthBitsPerSecond).toList();
    }

    /**
     * The next segment in {@code rep}: by number (representations of a track are numbered
     * alike when segment-aligned, as ffmpeg's are); for VoD, else by start time.
     */
    Optional<MediaSegment> nextIn(Representation rep, boolean live, Instant now) {
        Optional<MediaSegment> byNumber = rep.segments().segment(next);
        if (byNumber.isPresent() || live || nextStart.isEmpty()) {
            return byNumber;
        }
        Duration expected = nextStart.get();
        return rep.segments().available(now).stream()
                .filter(s -> s.start().compareTo(expected.minus(ALIGNMENT)) >= 0)
                .findFirst();
    }

    /** Moves past {@code segment}, which was just fetched. */
    void fetched(MediaSegment segment) {
        next = segment.number() + 1;
        nextStart = Optional.of(segment.end());
        nominal = segment.duration();
    }
}
