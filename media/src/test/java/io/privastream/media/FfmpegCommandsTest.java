package io.privastream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.rate.Bandwidth;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandsTest {
    private static final Path FFMPEG = Path.of("/opt/ffmpeg/ffmpeg");

    @Test
    void ladder_parsesAndSortsRungs_andRoundTrips() {
        Ladder l = Ladder.parse("1280x720@3M, 640x360@800k,960x540@1500k");
        assertThat(l.video()).extracting(Ladder.VideoRung::height).containsExactly(360, 540, 720);
        assertThat(l.top().bitrate()).isEqualTo(Bandwidth.mbps(3));
        assertThat(Ladder.parse(l.toString())).isEqualTo(l);
        assertThat(Ladder.parse("standard")).isEqualTo(Ladder.standard());
        assertThatThrownBy(() -> Ladder.parse("720p")).hasMessageContaining("'720p'");
        assertThatThrownBy(() -> Ladder.parse("641x360@800k")).hasMessageContaining("641x360");
        assertThatThrownBy(() -> Ladder.parse("640x360@800k,960x540@800k")).hasMessageContaining("ascending");
    }

    @Test
    void live_pushesTheWholeLadderByPut_withAKeyFramePerSegment() {
        List<String> cmd = FfmpegCommands.live(FFMPEG, Ladder.standard(), PackagerSettings.defaults(),
                URI.create("http://127.0.0.1:8080/ingest/demo/manifest.mpd"));
        String line = String.join(" ", cmd);
        assertThat(cmd.getFirst()).isEqualTo(FFMPEG.toString());
        assertThat(line).contains("-re ").contains("testsrc=size=1280x720:rate=25").contains("sine=frequency=440")
                .contains("noise=alls=8:allf=t,split=3[s0][s1][s2]")
                .contains("[s0]scale=640:360[v0]").contains("[s1]scale=960:540[v1]").contains("[s2]null[v2]")
                .contains("-b:v:0 800k -b:v:1 1500k -b:v:2 3000k")
                .contains("-g 50 -keyint_min 50").contains("-c:a aac -b:a 128k")
                .contains("-f dash -seg_duration 2.000").contains("-hls_playlist 1")
                .contains("-window_size 15 -extra_window_size 5").contains("-method PUT");
        assertThat(cmd.getLast()).isEqualTo("http://127.0.0.1:8080/ingest/demo/manifest.mpd");
    }

    @Test
    void vod_isNotRealTime_andLimitsTheSource() {
        List<String> cmd = FfmpegCommands.vodTestSource(FFMPEG, Ladder.tiny(), PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)),
                Duration.ofSeconds(6), Path.of("/out"));
        String line = String.join(" ", cmd);
        assertThat(cmd).doesNotContain("-re", "-method");
        assertThat(line).contains("testsrc=size=480x270:rate=25:duration=6.000").contains("-g 25 -keyint_min 25")
                .contains("-seg_duration 1.000");
        assertThat(cmd.getLast()).isEqualTo(Path.of("/out/manifest.mpd").toString());
    }

    @Test
    void settings_rejectNonsense() {
        assertThatThrownBy(() -> PackagerSettings.defaults().withSegmentDuration(Duration.ofMillis(10))).hasMessageContaining("PT0.01S");
        assertThatThrownBy(() -> PackagerSettings.defaults().withWindowSegments(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
