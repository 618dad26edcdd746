package io.privastream.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages on-demand content as DASH + HLS (same fMP4 segments), as fast as ffmpeg can.
 *
 * <p>Output in the given directory: {@code manifest.mpd}, {@code master.m3u8},
 * {@code media_N.m3u8}, {@code init-streamN.m4s}, {@code chunk-streamN-NNNNN.m4s}.
 */
public final class VodPackager {
    private static final Logger LOG = LoggerFactory.getLogger(VodPackager.class);

    private final Ffmpeg ffmpeg;
    private final Ladder ladder;
    private final PackagerSettings settings;

    public VodPackager(Ffmpeg ffmpeg, Ladder ladder, PackagerSettings settings) {
        this.ffmpeg = ffmpeg;
        this.ladder = ladder;
        this.settings = settings;
    }

    /**
     * {@code duration} of the test source (moving pattern with a clock, tone) into {@code out}.
     *
     * @return {@code out}
     * @throws MediaException with ffmpeg's last lines when it fails
     */
    public Path packageTestSource(Duration duration, Path out) {
        return run(FfmpegCommands.vodTestSource(ffmpeg.ffmpeg(), ladder, settings, duration, out), out, duration);
    }

    /**
     * {@code input} (any file ffmpeg reads) into {@code out}.
     *
     * @return {@code out}
     * @throws MediaException with ffmpeg's last lines when it fails
     */
    public Path packageFile(Path input, Path out) {
        if (!Files.isReadable(input)) {
            throw new MediaException("cannot read input " + input);
        }
        return run(FfmpegCommands.vodFile(ffmpeg.ffmpeg(), ladder, settings, input, out), out, Duration.ofHours(4));
    }

    private Path run(List<String> command, Path out, Duration mediaDuration) {
        try {
            Files.createDirectories(out);
            LOG.debug("packaging: {}", String.join(" ", command));
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            StderrPump err = new StderrPump(p.getErrorStream(), LOG, "ffmpeg-vod");
            // Packaging runs faster than real time; a generous bound still catches a hang.
            long limitSeconds = 60 + 4 * mediaDuration.toSeconds();
            if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MediaException("ffmpeg did not finish packaging within " + limitSeconds + " s");
            }
            err.join();
            if (p.exitValue() != 0 || !Files.isRegularFile(out.resolve("manifest.mpd"))) {
                throw new MediaException("ffmpeg failed to package (exit " + p.exitValue() + "): " + String.join(" | ", err.tail()));
            }
            return out;
        } catch (IOException e) {
            throw new MediaException("cannot run " + ffmpeg.ffmpeg() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while packaging");
        }
    }
}
