package io.privastream.core.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackModelTest {
    private static final PlaybackConfig VIDEO_ONLY = PlaybackConfig.defaults().withTracks(EnumSet.of(MediaKind.VIDEO));

    /** Seconds to nanoseconds. */
    private static long s(double seconds) {
        return Math.round(seconds * 1e9);
    }

    private static BufferedSegment video(double seconds, long kbps) {
        return BufferedSegment.fromServers(MediaKind.VIDEO, kbps * 1000, Duration.ofNanos(s(seconds)), 1000);
    }

    private static BufferedSegment audio(double seconds) {
        return BufferedSegment.fromServers(MediaKind.AUDIO, 128_000, Duration.ofNanos(s(seconds)), 100);
    }

    @Test
    void startup_isFromTheManifestRequestToWhenBothTracksHoldOneSegment() {
        ManualTicker clock = new ManualTicker(s(1));
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(clock.nanos());

        m.segmentBuffered(clock.advance(Duration.ofMillis(500)).nanos(), video(2, 800));
        assertThat(m.state()).as("video alone is not enough").isEqualTo(PlaybackState.STARTING);
        m.segmentBuffered(clock.advance(Duration.ofMillis(200)).nanos(), audio(2));

        assertThat(m.state()).isEqualTo(PlaybackState.PLAYING);
        assertThat(m.report().startupDelayMillis()).isEqualTo(700);
        assertThat(m.report().started()).isTrue();
    }

    @Test
    void stall_startsExactlyWhenTheBufferRunsDry_andEndsWhenBothTracksHoldASegmentAgain() {
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(0);
        m.segmentBuffered(s(1.5), video(2, 800));
        m.segmentBuffered(s(1.7), audio(2)); // plays from 1.7 s, dry at 3.7 s

        m.segmentBuffered(s(4.2), video(2, 800));
        assertThat(m.state()).isEqualTo(PlaybackState.STALLED);
        assertThat(m.report().rebufferMillis()).isEqualTo(500);
        m.segmentBuffered(s(4.5), audio(2));

        assertThat(m.state()).isEqualTo(PlaybackState.PLAYING);
        QoeReport r = m.report();
        assertThat(r.rebufferCount()).isEqualTo(1);
        assertThat(r.rebufferMillis()).isEqualTo(800);
        assertThat(r.playedMillis()).isEqualTo(2000);
    }

    @Test
    void averageBitrate_isWeightedByPlayedTime_withSwitchesInPlayedOrder() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        m.manifestRequested(0);
        m.segmentBuffered(0, video(2, 1000));
        m.segmentBuffered(0, video(2, 3000));
        m.segmentBuffered(0, video(2, 3000));
        m.segmentBuffered(0, video(2, 1000));
        m.endOfStream(0);
        m.advance(s(10));

        QoeReport r = m.report();
        assertThat(r.ended()).isTrue();
        assertThat(r.averageBitrateKbps()).isCloseTo(2000, within(1e-9));
        assertThat(r.qualitySwitches()).isEqualTo(2);
        assertThat(r.playedMillis()).isEqualTo(8000);
        assertThat(r.sessionMillis()).as("the session ends with the last frame, not at the last advance").isEqualTo(8000);
        assertThat(r.rebufferCount()).as("running dry at the end of a VoD is not a stall").isZero();
        assertThat(r.switchesPerMinute()).isCloseTo(2 / (8 / 60.0), within(1e-9));
    }

    @Test
    void averageBitrate_countsOnlyWhatPlayed_notWhatWasDownloaded() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        m.manifestRequested(0);
        m.segmentBuffered(0, video(2, 1000));
        m.segmentBuffered(0, video(2, 3000));
        m.finish(s(3));

        QoeReport r = m.report();
        assertThat(r.averageBitrateKbps()).isCloseTo((2 * 1000 + 1 * 3000) / 3.0, within(1e-9));
        assertThat(r.qualitySwitches()).isEqualTo(1);
        assertThat(m.state()).isEqualTo(PlaybackState.STOPPED);
        assertThat(r.ended()).isFalse();
    }

    @Test
    void aSegmentNotYetPlayed_isNotASwitch() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        m.manifestRequested(0);
        m.segmentBuffered(0, video(2, 1000));
        m.segmentBuffered(s(1), video(2, 3000));
        m.advance(s(2));
        assertThat(m.report().qualitySwitches()).isZero();
        m.advance(s(2) + 1);
        assertThat(m.report().qualitySwitches()).isEqualTo(1);
        assertThat(m.playingBitrateBitsPerSecond()).isEqualTo(3_000_000);
    }

    @Test
    void live_finishingDuringAStall_countsTheStallUntilTheEnd() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        m.manifestRequested(0);
        m.segmentBuffered(s(1), video(2, 1000)); // startup 1 s, dry at 3 s
        m.finish(s(6));

        QoeReport r = m.report();
        assertThat(r.rebufferCount()).isEqualTo(1);
        assertThat(r.rebufferMillis()).isEqualTo(3000);
        assertThat(r.rebufferRatio()).as("stalled / (session - startup)").isCloseTo(3.0 / 5.0, within(1e-9));
        assertThat(r.rebuffersPerMinute()).isCloseTo(1 / (5 / 60.0), within(1e-9));
        assertThat(r.ended()).isFalse();
    }

    @Test
    void vod_endOfStreamWhileStalledOrPlaying_endsWithoutAnExtraStall() {
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(0);
        m.segmentBuffered(0, video(2, 1000));
        m.segmentBuffered(0, audio(1.984));
        m.segmentBuffered(s(0.5), video(2, 1000));
        m.segmentBuffered(s(0.5), audio(2.016));
        m.endOfStream(s(0.5));
        m.advance(s(60));

        QoeReport r = m.report();
        assertThat(m.state()).isEqualTo(PlaybackState.ENDED);
        assertThat(r.rebufferCount()).isZero();
        assertThat(r.playedMillis()).isEqualTo(4000);
        assertThatThrownBy(() -> m.segmentBuffered(s(61), video(2, 1000))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resumeThreshold_inSegments_copesWithAudioSegmentsShorterThanVideo() {
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(0);
        m.segmentBuffered(0, video(2, 1000));
        m.segmentBuffered(0, audio(1.984)); // dry at 1.984 s: audio is the short track
        m.segmentBuffered(s(3), video(2, 1000));
        assertThat(m.state()).isEqualTo(PlaybackState.STALLED);
        m.segmentBuffered(s(3.5), audio(2.016));

        assertThat(m.state()).as("one new whole segment in each track").isEqualTo(PlaybackState.PLAYING);
        assertThat(m.report().rebufferMillis()).isEqualTo(3500 - 1984);
        assertThat(m.bufferLevel()).isEqualTo(Duration.ofNanos(s(4) - s(1.984)));
    }

    @Test
    void durationThreshold_waitsForThatMuchMediaInEveryTrack() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY.withThresholds(BufferThreshold.of(Duration.ofSeconds(4)), BufferThreshold.ONE_SEGMENT));
        m.manifestRequested(0);
        m.segmentBuffered(s(1), video(2, 1000));
        assertThat(m.state()).isEqualTo(PlaybackState.STARTING);
        m.segmentBuffered(s(2), video(2, 1000));
        assertThat(m.state()).isEqualTo(PlaybackState.PLAYING);
        assertThat(m.report().startupDelayMillis()).isEqualTo(2000);
    }

    @Test
    void neverStarted_reportsTheWaitAndNoPlayingTimeRates() {
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(s(2));
        m.segmentBuffered(s(3), video(2, 1000));
        m.finish(s(7));

        QoeReport r = m.report();
        assertThat(r.started()).isFalse();
        assertThat(r.startupDelay()).isEmpty();
        assertThat(r.startupDelayMillis()).isEqualTo(5000);
        assertThat(r.rebufferRatio()).isZero();
        assertThat(r.rebuffersPerMinute()).isZero();
        assertThat(r.averageBitrateKbps()).isZero();
    }

    @Test
    void liveLatency_isPlaybackTimeMinusAvailabilityTime() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        m.manifestRequested(s(9));
        m.segmentBuffered(s(10.5), video(2, 1000), s(10)); // plays at 10.5: 500 ms
        m.segmentBuffered(s(11), video(2, 1000), s(11.8)); // plays at 12.5: 700 ms
        m.advance(s(14));

        QoeReport r = m.report();
        assertThat(r.liveLatencyMillis()).isEqualTo(600);
        assertThat(r.maxLiveLatencyMillis()).isEqualTo(700);
        assertThat(r.liveLatency()).contains(Duration.ofMillis(600));
        assertThat(new PlaybackModel(VIDEO_ONLY).report().liveLatency()).isEmpty();
    }

    @Test
    void bytes_fromPeersAndServers_andOffload() {
        PlaybackModel m = new PlaybackModel(PlaybackConfig.defaults());
        m.manifestRequested(0);
        m.segmentBuffered(0, new BufferedSegment(MediaKind.VIDEO, 1000, Duration.ofSeconds(2), 1000, 750, 250));
        m.segmentBuffered(0, new BufferedSegment(MediaKind.AUDIO, 1000, Duration.ofSeconds(2), 100, 0, 100));

        QoeReport r = m.report();
        assertThat(r.peerBytes()).isEqualTo(750);
        assertThat(r.serverBytes()).isEqualTo(350);
        assertThat(r.offload()).isCloseTo(750 / 1100.0, within(1e-12));
    }

    @Test
    void timeline_samplesEachIntervalExactly() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY.withTimeline(Duration.ofSeconds(1)));
        m.manifestRequested(0);
        m.segmentBuffered(s(0.5), video(2, 1000)); // plays 0.5 - 2.5
        m.segmentBuffered(s(3.2), video(2, 2000)); // stalled 2.5 - 3.2, plays 3.2 - 5.2
        m.finish(s(4.5));

        List<TimelineSample> t = m.report().timeline();
        assertThat(t).extracting(TimelineSample::at).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMillis(4500));
        assertThat(t).extracting(TimelineSample::state).containsExactly(
                PlaybackState.PLAYING, PlaybackState.PLAYING, PlaybackState.STALLED, PlaybackState.PLAYING, PlaybackState.STOPPED);
        assertThat(t).extracting(TimelineSample::stalled).containsExactly(
                Duration.ZERO, Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(200), Duration.ZERO);
        assertThat(t).extracting(TimelineSample::playedBitrateBitsPerSecond).containsExactly(
                1_000_000L, 1_000_000L, 1_000_000L, 2_000_000L, 2_000_000L);
        assertThat(t.get(0).buffer()).isEqualTo(Duration.ofMillis(1500));
        assertThat(t.get(3).played()).isEqualTo(Duration.ofMillis(800));
        assertThat(t.get(0).toCsv()).isEqualTo("1000,PLAYING,1500,1000.0,500,0");
    }

    @Test
    void manySmallAdvances_giveTheSameReportAsOneBigOne() {
        PlaybackModel coarse = new PlaybackModel(VIDEO_ONLY);
        PlaybackModel fine = new PlaybackModel(VIDEO_ONLY);
        for (PlaybackModel m : List.of(coarse, fine)) {
            m.manifestRequested(0);
            m.segmentBuffered(s(0.3), video(2, 1000));
        }
        for (long t = s(0.3); t <= s(5); t += s(0.007)) {
            fine.advance(t);
        }
        fine.advance(s(5));
        coarse.advance(s(5));
        assertThat(fine.report()).isEqualTo(coarse.report());
    }

    @Test
    void misuse_isRefusedClearly() {
        PlaybackModel m = new PlaybackModel(VIDEO_ONLY);
        assertThatThrownBy(() -> m.advance(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("manifest request first");
        m.manifestRequested(s(5));
        assertThatThrownBy(() -> m.manifestRequested(s(6))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> m.advance(s(4))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time went back");
        assertThatThrownBy(() -> m.segmentBuffered(s(5), audio(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUDIO");
        assertThatThrownBy(() -> BufferThreshold.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> video(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
