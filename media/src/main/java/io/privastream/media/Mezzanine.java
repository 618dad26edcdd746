package io.privastream.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test stream encoded once into every rendition of a ladder, kept as one MP4 file and replayed
 * live with {@link FfmpegCommands#replay} (stream copy, no encoding): experiments get the same
 * bytes in every run and configuration, and the CPU stays free for what is measured.
 *
 * <p>Files are cached under {@code <cache>/mezzanine/} (the cache is {@code PRIVASTREAM_CACHE} or
 * {@code ~/.cache/privastream}), named by a hash of everything that shapes the encoding, and
 * written under a temporary name then moved into place, so a killed encoding leaves no file
 * that looks finished. Thread-safe.
 */
public final class Mezzanine {
    private static final Logger LOG = LoggerFactory.getLogger(Mezzanine.class);

    private Mezzanine() {
    }

    /**
     * The cached encoding of {@code duration} of the test source, made now if missing.
     *
     * @param progress hears the fraction done (0-1) while encoding; not called on a cache hit
     * @return the MP4 file
     * @throws MediaException with ffmpeg's last lines when the encoding fails
     */
    public static Path prepare(Ffmpeg ffmpeg, Ladder ladder, PackagerSettings settings, Duration duration, DoubleConsumer progress) {
        Path dir = FfmpegLocator.cacheRoot().resolve("mezzanine");
        Path file = dir.resolve(name(ladder, settings, duration));
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "encoding-", ".mp4");
            try {
                encode(FfmpegCommands.mezzanine(ffmpeg.ffmpeg(), ladder, settings, duration, partial), duration, progress);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.info("encoded {} of {} into {}", duration, ladder, file);
            return file;
        } catch (IOException e) {
            throw new MediaException("cannot encode the test stream into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The file name: a hash of the ladder, the settings that shape the encoding, and the duration. */
    static String name(Ladder ladder, PackagerSettings s, Duration duration) {
        String key = ladder + "|" + ladder.audioBitrate() + "|" + ladder.framesPerSecond() + "|" + s.segmentDuration().toMillis() + "|"
                + s.noiseStrength() + "|" + s.toneHz() + "|" + duration.toMillis();
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "test-" + duration.toSeconds() + "s-" + HexFormat.of().formatHex(h, 0, 8) + ".mp4";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void encode(List<String> command, Duration duration, DoubleConsumer progress) throws IOException {
        LOG.debug("encoding: {}", String.join(" ", command));
        Process p = new ProcessBuilder(command).start();
        StderrPump err = new StderrPump(p.getErrorStream(), LOG, "ffmpeg-mezzanine");
        double total = Math.max(1, duration.toMillis()) * 1000.0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // ffmpeg -progress writes key=value lines; out_time_us is the media time encoded so far.
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("out_time_us=")) {
                    try {
                        progress.accept(Math.min(1, Long.parseLong(line.substring(12).strip()) / total));
                    } catch (NumberFormatException ignored) {
                        // "N/A" before the first frame.
                    }
                }
            }
        }
        try {
            // Encoding runs faster than real time on two cores; a generous bound catches a hang.
            long limit = 120 + 4 * duration.toSeconds();
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MediaException("ffmpeg did not finish encoding within " + limit + " s");
            }
            err.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while encoding");
        }
        if (p.exitValue() != 0) {
            throw new MediaException("ffmpeg failed to encode the test stream (exit " + p.exitValue() + "): " + String.join(" | ", err.tail()));
        }
    }
}
