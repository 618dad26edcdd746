package io.privastream.core.download;

import java.util.OptionalDouble;

/** What is known of each source's recent throughput, used to project finish times. */
@FunctionalInterface
public interface SourceEstimates {

    /** Recent throughput of {@code source} in bytes per second, if it has been measured. */
    OptionalDouble bytesPerSecond(Source source);

    /** Knows nothing: every projection falls back to the tuning's defaults. */
    static SourceEstimates none() {
        return s -> OptionalDouble.empty();
    }
}
