package io.privastream.media;

import java.time.Duration;

/**
 * How the packager cuts and describes a stream.
 *
 * @param segmentDuration  media segment duration (default 2 s); also the GOP length
 * @param windowSegments   live: segments listed in the manifests (default 15 = 30 s at 2 s)
 * @param extraSegments    live: segments kept after leaving the manifests, for late readers
 *                         (default 5)
 * @param noiseStrength    temporal noise added to the test picture, 0-100 (default 8), so the
 *                         encoder spends its whole bitrate as on real content instead of
 *                         compressing a synthetic pattern to a fraction of it
 * @param toneHz           frequency of the test tone (default 440 Hz)
 * @param logLevel         ffmpeg's {@code -loglevel} (default {@code warning})
 */
public record PackagerSettings(Duration segmentDuration, int windowSegments, int extraSegments, int noiseStrength, int toneHz,
        String logLevel) {

    /** @throws IllegalArgumentException quoting the value out of range */
    public PackagerSettings {
        if (segmentDuration.toMillis() < 100 || segmentDuration.toMillis() > 30_000) {
            throw new IllegalArgumentException("segment duration must be 100 ms-30 s, got " + segmentDuration);
        }
        if (windowSegments < 2 || extraSegments < 0 || noiseStrength < 0 || noiseStrength > 100 || toneHz < 20 || toneHz > 20_000) {
            throw new IllegalArgumentException("invalid packager settings: window " + windowSegments + ", extra " + extraSegments
                    + ", noise " + noiseStrength + ", tone " + toneHz);
        }
        if (!logLevel.matches("quiet|panic|fatal|error|warning|info|verbose|debug")) {
            throw new IllegalArgumentException("not an ffmpeg log level: '" + logLevel + "'");
        }
    }

    /** The defaults listed on the record. */
    public static PackagerSettings defaults() {
        return new PackagerSettings(Duration.ofSeconds(2), 15, 5, 8, 440, "warning");
    }

    /** These settings with another segment duration. */
    public PackagerSettings withSegmentDuration(Duration d) {
        return new PackagerSettings(d, windowSegments, extraSegments, noiseStrength, toneHz, logLevel);
    }

    /** These settings with another live window (in segments). */
    public PackagerSettings withWindowSegments(int n) {
        return new PackagerSettings(segmentDuration, n, extraSegments, noiseStrength, toneHz, logLevel);
    }

    /** The live window as a duration. */
    public Duration window() {
        return segmentDuration.multipliedBy(windowSegments);
    }
}
