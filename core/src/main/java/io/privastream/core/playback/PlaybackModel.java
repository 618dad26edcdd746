package io.privastream.core.playback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A player's buffer in real time, and the QoE accountant of one session.
 *
 * <p>Driven by events with explicit times (readings of any monotonic nanosecond clock, such as
 * a {@link io.privastream.core.time.Ticker}; only differences matter):
 * {@link #manifestRequested} once, then {@link #segmentBuffered} for each downloaded segment,
 * {@link #advance} whenever time passes, {@link #endOfStream} when a VoD presentation has no
 * more segments, and {@link #finish} to end the session early. Between events the model
 * computes exactly when playback started, stalled, resumed or ended, so event spacing does
 * not blur the metrics.
 *
 * <p>Playback starts once every track holds the start threshold, then the playhead advances
 * at 1x real time while every track has media ahead of it; when one runs dry the player stalls
 * (a rebuffer) until every track holds the resume threshold again. After {@link #endOfStream},
 * running dry is the end, not a stall.
 *
 * <p>Not thread-safe: one session, one driving thread. Times must not decrease between calls.
 */
public final class PlaybackModel {
    private final PlaybackConfig config;
    private final Map<MediaKind, TrackBuffer> tracks = new EnumMap<>(MediaKind.class);
    private final MediaKind main;
    private final List<TimelineSample> timeline = new ArrayList<>();

    private boolean requested;
    private long t0;
    private long now;
    private PlaybackState state = PlaybackState.STARTING;
    private long playhead;
    private boolean endOfStream;

    private long startupNanos = -1;
    private long sessionEnd = -1;
    private int stalls;
    private long stalledNanos;
    private long playedNanos;
    private double bitrateNanos;
    private long lastBitrate = -1;
    private int switches;
    private long peerBytes;
    private long serverBytes;
    private long latencySum;
    private long latencyMax = Long.MIN_VALUE;
    private int latencyCount;

    private long nextSampleAt;
    private long sampledPlayed;
    private double sampledBitrateNanos;
    private long sampledStalled;

    /** A model for one session with {@code config}. */
    public PlaybackModel(PlaybackConfig config) {
        this.config = config;
        this.main = config.mainTrack();
        for (MediaKind kind : config.tracks()) {
            tracks.put(kind, new TrackBuffer());
        }
    }

    /**
     * The player asked for the manifest at {@code nowNanos}: the session and its startup delay begin.
     *
     * @throws IllegalStateException if called twice
     */
    public void manifestRequested(long nowNanos) {
        if (requested) {
            throw new IllegalStateException("the manifest request was already recorded at " + t0 + " ns");
        }
        requested = true;
        t0 = nowNanos;
        now = nowNanos;
        nextSampleAt = config.timelineInterval().isZero() ? Long.MAX_VALUE : t0 + config.timelineInterval().toNanos();
    }

    /** {@link #segmentBuffered(long, BufferedSegment, long)} without an availability time (VoD). */
    public void segmentBuffered(long nowNanos, BufferedSegment segment) {
        add(nowNanos, segment, TrackBuffer.UNKNOWN);
    }

    /**
     * A segment finished downloading at {@code nowNanos} and joins its track's buffer.
     *
     * @param availableAtNanos when the segment became available at the origin, on the same clock
     *                         as {@code nowNanos}; live latency is measured from it
     * @throws IllegalStateException    before {@link #manifestRequested} or after the session ended
     * @throws IllegalArgumentException if the segment's track is not in the config, or time went back
     */
    public void segmentBuffered(long nowNanos, BufferedSegment segment, long availableAtNanos) {
        add(nowNanos, segment, availableAtNanos);
    }

    private void add(long nowNanos, BufferedSegment segment, long availableAtNanos) {
        advance(nowNanos);
        if (state == PlaybackState.ENDED || state == PlaybackState.STOPPED) {
            throw new IllegalStateException("the session is over (" + state + "); no more segments");
        }
        TrackBuffer track = tracks.get(segment.kind());
        if (track == null) {
            throw new IllegalArgumentException("segment of track " + segment.kind() + ", but the session plays " + config.tracks());
        }
        track.add(segment.mediaDuration().toNanos(), segment.bitrateBitsPerSecond(), availableAtNanos);
        peerBytes += segment.peerBytes();
        serverBytes += segment.serverBytes();
        maybePlay();
    }

    /**
     * No segment will follow (VoD: all were buffered). Once the buffer runs dry the presentation
     * has ended; that is not a stall.
     */
    public void endOfStream(long nowNanos) {
        advance(nowNanos);
        endOfStream = true;
        if (state == PlaybackState.STALLED || (state == PlaybackState.STARTING && level() == 0)) {
            end(PlaybackState.ENDED);
        } else {
            maybePlay();
        }
    }

    /**
     * Ends the session at {@code nowNanos} (duration limit, stop, fatal error). A stall still
     * going counts until now. Does nothing if the session already ended.
     */
    public void finish(long nowNanos) {
        advance(nowNanos);
        if (state != PlaybackState.ENDED && state != PlaybackState.STOPPED) {
            end(PlaybackState.STOPPED);
        }
    }

    /**
     * Lets time run to {@code nowNanos}: plays, stalls and ends as the buffer dictates.
     *
     * @throws IllegalStateException    before {@link #manifestRequested}
     * @throws IllegalArgumentException if {@code nowNanos} is before the previous event
     */
    public void advance(long nowNanos) {
        if (!requested) {
            throw new IllegalStateException("record the manifest request first");
        }
        if (nowNanos < now) {
            throw new IllegalArgumentException("time went back: " + nowNanos + " ns after " + now + " ns");
        }
        while (now < nowNanos) {
            long step = Math.min(nowNanos, nextSampleAt) - now;
            if (state == PlaybackState.PLAYING) {
                step = Math.min(step, level());
                play(step);
            } else if (state == PlaybackState.STALLED) {
                stalledNanos += step;
            }
            now += step;
            if (state == PlaybackState.PLAYING && level() == 0) {
                if (endOfStream) {
                    end(PlaybackState.ENDED);
                } else {
                    state = PlaybackState.STALLED;
                    stalls++;
                }
            }
            if (now == nextSampleAt) {
                sample();
                nextSampleAt += config.timelineInterval().toNanos();
            }
        }
    }

    /** Plays {@code step} of media from the playhead; the caller keeps {@code step <= level()}. */
    private void play(long step) {
        long from = playhead;
        long to = playhead + step;
        for (TrackBuffer.Entry e : tracks.get(main).entries()) {
            if (e.start >= to) {
                break;
            }
            long overlap = Math.min(to, e.end) - Math.max(from, e.start);
            if (overlap <= 0) {
                continue;
            }
            if (!e.begun) {
                e.begun = true;
                if (lastBitrate >= 0 && e.bitrate != lastBitrate) {
                    switches++;
                }
                lastBitrate = e.bitrate;
                if (e.availableAtNanos != TrackBuffer.UNKNOWN) {
                    // Wall time at playback: the clock when the playhead reaches the segment's start.
                    long latency = now + Math.max(0, e.start - from) - e.availableAtNanos;
                    latencySum += latency;
                    latencyMax = Math.max(latencyMax, latency);
                    latencyCount++;
                }
            }
            bitrateNanos += (double) e.bitrate * overlap;
        }
        playedNanos += step;
        playhead = to;
        for (TrackBuffer t : tracks.values()) {
            t.dropPlayed(playhead);
        }
    }

    private void maybePlay() {
        if (state != PlaybackState.STARTING && state != PlaybackState.STALLED) {
            return;
        }
        BufferThreshold threshold = state == PlaybackState.STARTING ? config.start() : config.resume();
        boolean ready = endOfStream ? level() > 0 : tracks.values().stream().allMatch(t -> holds(t, threshold));
        if (!ready) {
            return;
        }
        if (state == PlaybackState.STARTING) {
            startupNanos = now - t0;
        }
        state = PlaybackState.PLAYING;
    }

    private boolean holds(TrackBuffer t, BufferThreshold threshold) {
        return threshold.segments() > 0
                ? t.wholeSegmentsFrom(playhead) >= threshold.segments()
                : t.end() - playhead >= threshold.duration().toNanos();
    }

    private void end(PlaybackState how) {
        state = how;
        sessionEnd = now;
        if (!config.timelineInterval().isZero() && now > nextSampleAt - config.timelineInterval().toNanos()) {
            sample(); // the partial last interval
        }
        nextSampleAt = Long.MAX_VALUE;
    }

    private void sample() {
        long played = playedNanos - sampledPlayed;
        double weighted = bitrateNanos - sampledBitrateNanos;
        timeline.add(new TimelineSample(Duration.ofNanos(now - t0), state, Duration.ofNanos(level()),
                played == 0 ? 0 : Math.round(weighted / played), Duration.ofNanos(played), Duration.ofNanos(stalledNanos - sampledStalled)));
        sampledPlayed = playedNanos;
        sampledBitrateNanos = bitrateNanos;
        sampledStalled = stalledNanos;
    }

    /** Media ahead of the playhead in the emptiest track, in nanoseconds. */
    private long level() {
        long min = Long.MAX_VALUE;
        for (TrackBuffer t : tracks.values()) {
            min = Math.min(min, t.end() - playhead);
        }
        return Math.max(0, min);
    }

    /** The state as of the last event. */
    public PlaybackState state() {
        return state;
    }

    /** Media buffered ahead of the playhead in the emptiest track, as of the last event. */
    public Duration bufferLevel() {
        return Duration.ofNanos(level());
    }

    /** Media buffered ahead of the playhead in {@code kind}'s track, as of the last event; zero for a track not played. */
    public Duration bufferAhead(MediaKind kind) {
        TrackBuffer t = tracks.get(kind);
        return t == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, t.end() - playhead));
    }

    /** Media time played so far. */
    public Duration playhead() {
        return Duration.ofNanos(playhead);
    }

    /** The time of the last event, on the caller's clock. */
    public long nowNanos() {
        return now;
    }

    /** The bitrate of the video segment playing (or last played); 0 before the first. */
    public long playingBitrateBitsPerSecond() {
        return Math.max(0, lastBitrate);
    }

    /** The metrics as of the last event (or the end of the session). */
    public QoeReport report() {
        long end = sessionEnd >= 0 ? sessionEnd : now;
        boolean started = startupNanos >= 0;
        long startup = started ? startupNanos : end - t0;
        double playingMinutes = started ? (end - t0 - startupNanos) / 60e9 : 0;
        double playingNanos = playingMinutes * 60e9;
        return new QoeReport(started, millis(startup), stalls, millis(stalledNanos),
                playingMinutes > 0 ? stalls / playingMinutes : 0,
                playingNanos > 0 ? Math.min(1, stalledNanos / playingNanos) : 0,
                playedNanos > 0 ? bitrateNanos / playedNanos / 1000.0 : 0,
                switches, playingMinutes > 0 ? switches / playingMinutes : 0,
                millis(playedNanos), millis(end - t0), peerBytes, serverBytes,
                latencyCount > 0 ? millis(latencySum / latencyCount) : -1, latencyCount > 0 ? millis(latencyMax) : -1,
                state == PlaybackState.ENDED, timeline);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
