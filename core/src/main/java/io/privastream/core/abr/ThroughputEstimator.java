package io.privastream.core.abr;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Estimates download throughput the way dash.js does: two exponentially weighted moving
 * averages of the samples' throughput, weighted by download time, with a fast and a slow
 * half-life; the estimate is the smaller of the two, so it drops quickly and recovers slowly.
 *
 * <p>Each average starts at zero and is corrected for that start (divided by
 * {@code 1 - 0.5^(total download time / half-life)}), so the first sample is taken at face value.
 * Samples smaller than {@link Settings#minSampleBytes()} or quicker than
 * {@link Settings#minSampleDuration()} are ignored: they measure request latency, not throughput.
 *
 * <p>Not thread-safe: one estimator per player session, used by one thread.
 */
public final class ThroughputEstimator {

    /**
     * @param fastHalfLife      download time after which a sample weighs half in the fast
     *                          average; dash.js: 3 s
     * @param slowHalfLife      the same for the slow average; dash.js: 8 s
     * @param minSampleBytes    smaller downloads are ignored; default 10,000 bytes
     * @param minSampleDuration quicker downloads are ignored; default 10 ms
     */
    public record Settings(Duration fastHalfLife, Duration slowHalfLife, long minSampleBytes, Duration minSampleDuration) {

        /** dash.js's half-lives (3 s and 8 s) with the 10 KB / 10 ms sample floor. */
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(8), 10_000, Duration.ofMillis(10));

        /** @throws IllegalArgumentException if a half-life is not positive or a floor is negative */
        public Settings {
            if (fastHalfLife == null || slowHalfLife == null || minSampleDuration == null) {
                throw new IllegalArgumentException("half-lives and minimum sample duration are required");
            }
            if (!fastHalfLife.isPositive() || !slowHalfLife.isPositive()) {
                throw new IllegalArgumentException("half-lives must be positive, got " + fastHalfLife + " and " + slowHalfLife);
            }
            if (minSampleBytes < 0 || minSampleDuration.isNegative()) {
                throw new IllegalArgumentException("sample floors must be >= 0, got " + minSampleBytes + " bytes, " + minSampleDuration);
            }
        }
    }

    private final Settings settings;
    private double fast;
    private double slow;
    private double totalSeconds;
    private int samples;

    /** An estimator with {@code settings}. */
    public ThroughputEstimator(Settings settings) {
        this.settings = settings;
    }

    /** An estimator with {@link Settings#DEFAULTS}. */
    public static ThroughputEstimator dashJsDefaults() {
        return new ThroughputEstimator(Settings.DEFAULTS);
    }

    /**
     * Adds the download of {@code bytes} that took {@code downloadTime} (request sent to last byte).
     *
     * @return true if the sample was used, false if it was too small or too quick
     * @throws IllegalArgumentException if {@code bytes} or {@code downloadTime} is negative
     */
    public boolean addSample(long bytes, Duration downloadTime) {
        if (bytes < 0 || downloadTime.isNegative()) {
            throw new IllegalArgumentException("a sample needs bytes >= 0 and a non-negative time, got " + bytes + ", " + downloadTime);
        }
        if (bytes < settings.minSampleBytes() || downloadTime.compareTo(settings.minSampleDuration()) < 0 || downloadTime.isZero()) {
            return false;
        }
        double seconds = downloadTime.toNanos() / 1e9;
        double bitsPerSecond = bytes * 8.0 / seconds;
        fast = ewma(fast, bitsPerSecond, seconds, settings.fastHalfLife());
        slow = ewma(slow, bitsPerSecond, seconds, settings.slowHalfLife());
        totalSeconds += seconds;
        samples++;
        return true;
    }

    private static double ewma(double average, double sample, double weightSeconds, Duration halfLife) {
        double alpha = Math.pow(0.5, weightSeconds / (halfLife.toNanos() / 1e9));
        return alpha * average + (1 - alpha) * sample;
    }

    private double corrected(double average, Duration halfLife) {
        return average / (1 - Math.pow(0.5, totalSeconds / (halfLife.toNanos() / 1e9)));
    }

    /** The estimate in bits per second, {@code min(fast, slow)}; empty before the first used sample. */
    public OptionalLong bitsPerSecond() {
        if (samples == 0) {
            return OptionalLong.empty();
        }
        double estimate = Math.min(corrected(fast, settings.fastHalfLife()), corrected(slow, settings.slowHalfLife()));
        return OptionalLong.of(Math.max(1, Math.round(estimate)));
    }

    /** How many samples were used. */
    public int samples() {
        return samples;
    }
}
