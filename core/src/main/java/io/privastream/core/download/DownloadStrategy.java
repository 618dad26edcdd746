package io.privastream.core.download;

import java.util.List;
import java.util.Locale;

/**
 * How an object's bytes are spread over sources: a named, comparable policy.
 *
 * <p>Implementations are stateless factories of {@link SegmentDownload}s and are thread-safe.
 */
public interface DownloadStrategy {

    /** The strategy's name, as accepted by {@link #byName(String, DownloadTuning)}. */
    String name();

    /** A fresh state machine for {@code request}, using {@code estimates} for projections. */
    SegmentDownload begin(DownloadRequest request, SourceEstimates estimates);

    /**
     * One peer per object (the best holder), the rest from a server by Range when the peer fails
     * or would miss the deadline.
     */
    static DownloadStrategy singleSource(DownloadTuning tuning) {
        return new Named("single-source", (request, estimates) -> new SingleSourceDownload(request, tuning, estimates));
    }

    /**
     * Complementary ranges from up to {@code maxSources} sources at once (MS-Stream), sized by
     * expected throughput, with work stealing and a server taking whatever would be late.
     *
     * @throws IllegalArgumentException if {@code maxSources < 1}
     */
    static DownloadStrategy multiSource(int maxSources, DownloadTuning tuning) {
        if (maxSources < 1) {
            throw new IllegalArgumentException("a multi-source download needs at least 1 source, got " + maxSources);
        }
        return new Named("multi-source", (request, estimates) -> new MultiSourceDownload(request, tuning, estimates, maxSources));
    }

    /** Sources used at once by {@code multi-source} unless told otherwise. */
    int DEFAULT_MAX_SOURCES = 4;

    /** Names accepted by {@link #byName(String, DownloadTuning)}. */
    static List<String> names() {
        return List.of("single-source", "multi-source");
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    static DownloadStrategy byName(String name, DownloadTuning tuning) {
        return byName(name, tuning, DEFAULT_MAX_SOURCES);
    }

    /**
     * The strategy called {@code name}; {@code maxSources} applies to {@code multi-source}.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    static DownloadStrategy byName(String name, DownloadTuning tuning, int maxSources) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "single-source" -> singleSource(tuning);
            case "multi-source" -> multiSource(maxSources, tuning);
            default -> throw new IllegalArgumentException("unknown download strategy '" + name + "'; known: " + names());
        };
    }

    /** A strategy made from a name and a factory. */
    record Named(String name, Factory factory) implements DownloadStrategy {
        @Override
        public SegmentDownload begin(DownloadRequest request, SourceEstimates estimates) {
            return factory.begin(request, estimates);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Makes one download. */
    @FunctionalInterface
    interface Factory {
        SegmentDownload begin(DownloadRequest request, SourceEstimates estimates);
    }
}
