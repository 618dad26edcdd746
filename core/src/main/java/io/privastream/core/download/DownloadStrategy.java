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

    /** Names accepted by {@link #byName(String, DownloadTuning)}. */
    static List<String> names() {
        return List.of("single-source");
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    static DownloadStrategy byName(String name, DownloadTuning tuning) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "single-source" -> singleSource(tuning);
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
