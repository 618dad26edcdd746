package io.privastream.experiments.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one load run measured.
 *
 * @param label       what was loaded (e.g. {@code origin}, {@code agent})
 * @param requests    completed requests
 * @param failures    requests that failed or returned wrong bytes
 * @param bytes       body bytes received
 * @param wallNanos   duration of the run
 * @param latencyNanos per-request latencies (first byte of request to last byte of body), sorted
 */
public record LoadResult(String label, long requests, long failures, long bytes, long wallNanos, long[] latencyNanos) {

    /** Throughput in gigabytes (10^9 bytes) per second. */
    public double gigabytesPerSecond() {
        return bytes / (wallNanos / 1e9) / 1e9;
    }

    /** Requests per second. */
    public double requestsPerSecond() {
        return requests / (wallNanos / 1e9);
    }

    /** The {@code q}-quantile of latency in milliseconds (0 &lt; q &le; 1). */
    public double latencyMillis(double q) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(latencyNanos.length - 1, Math.max(0, Math.ceil(q * latencyNanos.length) - 1));
        return latencyNanos[i] / 1e6;
    }

    /** Combines runs of the same target (rounds of a benchmark). */
    public static LoadResult merge(String label, Iterable<LoadResult> runs) {
        long req = 0;
        long fail = 0;
        long bytes = 0;
        long wall = 0;
        long[] lat = new long[0];
        for (LoadResult r : runs) {
            req += r.requests;
            fail += r.failures;
            bytes += r.bytes;
            wall += r.wallNanos;
            long[] joined = Arrays.copyOf(lat, lat.length + r.latencyNanos.length);
            System.arraycopy(r.latencyNanos, 0, joined, lat.length, r.latencyNanos.length);
            lat = joined;
        }
        Arrays.sort(lat);
        return new LoadResult(label, req, fail, bytes, wall, lat);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-8s %8.3f GB/s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d failed)",
                label, gigabytesPerSecond(), requestsPerSecond(), latencyMillis(0.5), latencyMillis(0.99), requests, failures);
    }
}
