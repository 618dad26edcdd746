package io.privastream.core.download;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Recent throughput per source, as an exponentially weighted mean of transfer samples.
 *
 * <p>A sample of {@code d} seconds moves the mean by {@code 1 - 2^(-d / halfLife)}, so long
 * transfers count more than short ones and old samples fade with the time they covered. At most
 * {@code capacity} sources are remembered (least recently sampled forgotten first). Thread-safe.
 */
public final class ThroughputTracker implements SourceEstimates {
    private final double halfLifeSeconds;
    private final int capacity;
    private final Map<String, double[]> bySource;

    /**
     * @param halfLife how much transfer time halves a sample's weight (default 4 s via {@link #defaults()})
     * @param capacity sources remembered, at least 1
     */
    public ThroughputTracker(Duration halfLife, int capacity) {
        if (halfLife.isNegative() || halfLife.isZero() || capacity < 1) {
            throw new IllegalArgumentException("half-life must be > 0 and capacity >= 1, got " + halfLife + ", " + capacity);
        }
        this.halfLifeSeconds = halfLife.toNanos() / 1e9;
        this.capacity = capacity;
        // Insertion order, each sample re-inserting its source: the eldest entry is the source
        // least recently sampled. (Access order would also move a source on every read, and
        // reads — every planning step asks — far outnumber samples.)
        this.bySource = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > ThroughputTracker.this.capacity;
            }
        };
    }

    /** A 4 s half-life over at most 4096 sources. */
    public static ThroughputTracker defaults() {
        return new ThroughputTracker(Duration.ofSeconds(4), 4096);
    }

    /**
     * Records that {@code source} delivered {@code bytes} in {@code nanos}. Samples shorter than
     * 1 ms or of fewer than 1 KiB are ignored: they measure latency, not throughput.
     */
    public synchronized void record(Source source, long bytes, long nanos) {
        if (nanos < 1_000_000L || bytes < 1024) {
            return;
        }
        double seconds = nanos / 1e9;
        double sample = bytes / seconds;
        double[] mean = bySource.remove(source.id());
        if (mean == null) {
            bySource.put(source.id(), new double[] {sample});
            return;
        }
        double weight = 1 - Math.pow(2, -seconds / halfLifeSeconds);
        mean[0] += weight * (sample - mean[0]);
        bySource.put(source.id(), mean);
    }

    @Override
    public synchronized OptionalDouble bytesPerSecond(Source source) {
        double[] mean = bySource.get(source.id());
        return mean == null ? OptionalDouble.empty() : OptionalDouble.of(mean[0]);
    }
}
