package io.privastream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledFfmpegIT {

    @Test
    void bundledFfmpeg_runsHere() {
        Ffmpeg f = FfmpegLocator.locate("bundled");
        assertThat(f.version()).startsWith("ffmpeg version 6.1");
        assertThat(Files.isExecutable(f.ffprobe())).isTrue();
        assertThat(FfmpegLocator.locate("bundled")).isSameAs(f);
    }

    @Test
    void vodPackager_writesDashAndHls_overOneSetOfSegments_andFfprobeReadsThem(@TempDir Path dir) throws Exception {
        Ffmpeg f = FfmpegLocator.locate();
        Path out = new VodPackager(f, Ladder.tiny(), PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)))
                .packageTestSource(Duration.ofSeconds(4), dir.resolve("vod"));

        String mpd = Files.readString(out.resolve("manifest.mpd"));
        assertThat(mpd).contains("type=\"static\"").contains("width=\"480\"").contains("mimeType=\"audio/mp4\"");
        assertThat(Files.readString(out.resolve("master.m3u8"))).contains("RESOLUTION=480x270").contains("media_3.m3u8");
        String media2 = Files.readString(out.resolve("media_2.m3u8"));
        assertThat(media2).contains("#EXT-X-ENDLIST").contains("chunk-stream2-00001.m4s").contains("init-stream2.m4s");
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("chunk-stream2-")).count()).isEqualTo(4);
        }

        // init + media segment = a playable fMP4 fragment: an unmodified ffprobe reads it.
        Path joined = dir.resolve("seg.mp4");
        Files.write(joined, Files.readAllBytes(out.resolve("init-stream2.m4s")));
        Files.write(joined, Files.readAllBytes(out.resolve("chunk-stream2-00002.m4s")), java.nio.file.StandardOpenOption.APPEND);
        assertThat(ffprobe(f, joined)).contains("codec_name=h264").contains("width=480").contains("height=270");
    }

    @Test
    void brokenInput_failsWithFfmpegsOwnWords(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.mp4");
        Files.writeString(junk, "not a video");
        VodPackager p = new VodPackager(FfmpegLocator.locate(), Ladder.tiny(), PackagerSettings.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.packageFile(junk, dir.resolve("out")))
                .isInstanceOf(MediaException.class).hasMessageContaining("junk.mp4");
    }

    static String ffprobe(Ffmpeg f, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(f.ffprobe().toString(), "-v", "error", "-show_streams", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
