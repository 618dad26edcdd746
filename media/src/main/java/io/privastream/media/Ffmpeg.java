package io.privastream.media;

import java.nio.file.Path;

/**
 * The ffmpeg and ffprobe executables to use.
 *
 * @param ffmpeg  path of the ffmpeg executable
 * @param ffprobe path of the ffprobe executable
 * @param version the first line of {@code ffmpeg -version}
 * @param origin  where they came from: {@code bundled}, {@code system}, or the path given
 */
public record Ffmpeg(Path ffmpeg, Path ffprobe, String version, String origin) {
}
