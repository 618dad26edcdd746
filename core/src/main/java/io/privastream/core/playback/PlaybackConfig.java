package io.privastream.core.playback;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a {@link PlaybackModel} starts, resumes and samples.
 *
 * @param tracks           the tracks that must all be buffered to play: VIDEO and AUDIO
 *                         (default) for separate audio, VIDEO alone for muxed content, AUDIO
 *                         alone for audio-only; the played bitrate is VIDEO's when present
 * @param start            buffered before the first frame plays; default one segment
 * @param resume           buffered before playback resumes after a stall; default one segment
 * @param timelineInterval length of each {@link TimelineSample}; zero (default) records none
 */
public record PlaybackConfig(Set<MediaKind> tracks, BufferThreshold start, BufferThreshold resume, Duration timelineInterval) {

    /** @throws IllegalArgumentException if no track is given or the interval is negative */
    public PlaybackConfig {
        if (tracks == null || tracks.isEmpty() || start == null || resume == null || timelineInterval == null) {
            throw new IllegalArgumentException("playback config needs at least one track, thresholds and an interval, got " + tracks);
        }
        if (timelineInterval.isNegative()) {
            throw new IllegalArgumentException("timeline interval must be >= 0 (0 = none), got " + timelineInterval);
        }
        tracks = Set.copyOf(tracks);
    }

    /** Video and audio, start and resume at one segment, no timeline. */
    public static PlaybackConfig defaults() {
        return new PlaybackConfig(EnumSet.allOf(MediaKind.class), BufferThreshold.ONE_SEGMENT, BufferThreshold.ONE_SEGMENT, Duration.ZERO);
    }

    /** This config with {@code newTracks}. */
    public PlaybackConfig withTracks(Set<MediaKind> newTracks) {
        return new PlaybackConfig(newTracks, start, resume, timelineInterval);
    }

    /** This config with start and resume thresholds. */
    public PlaybackConfig withThresholds(BufferThreshold newStart, BufferThreshold newResume) {
        return new PlaybackConfig(tracks, newStart, newResume, timelineInterval);
    }

    /** This config recording a timeline sample every {@code interval}. */
    public PlaybackConfig withTimeline(Duration interval) {
        return new PlaybackConfig(tracks, start, resume, interval);
    }

    /** The track whose representations count as the played bitrate: VIDEO if present, else AUDIO. */
    public MediaKind mainTrack() {
        return tracks.contains(MediaKind.VIDEO) ? MediaKind.VIDEO : MediaKind.AUDIO;
    }
}
