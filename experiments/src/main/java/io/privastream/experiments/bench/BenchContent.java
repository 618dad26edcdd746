package io.privastream.experiments.bench;

import io.privastream.media.FfmpegLocator;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.media.VodPackager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real segments for a benchmark: {@code seconds} of the standard ladder packaged by ffmpeg into
 * {@code dir/vod}, and the media segments' names and sizes.
 *
 * @param vod     the packaged directory
 * @param objects media segment file name → size in bytes
 */
record BenchContent(Path vod, Map<String, Long> objects) {

    static BenchContent prepare(Path dir, int seconds, PrintStream out) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "packaging %d s of %s with ffmpeg...%n", seconds, Ladder.standard());
        Path vod = new VodPackager(FfmpegLocator.locate(), Ladder.standard(), PackagerSettings.defaults())
                .packageTestSource(Duration.ofSeconds(seconds), dir.resolve("vod"));
        Map<String, Long> objects = new TreeMap<>();
        try (var files = Files.list(vod)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("chunk-")).toList()) {
                objects.put(f.getFileName().toString(), Files.size(f));
            }
        }
        return new BenchContent(vod, objects);
    }

    /** Total bytes of the media segments. */
    long totalBytes() {
        return objects.values().stream().mapToLong(Long::longValue).sum();
    }
}
