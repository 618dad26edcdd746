package io.privastream.player;

import io.privastream.core.playback.QoeReport;
import io.privastream.manifest.ManifestKind;
import java.net.URI;
import java.util.Optional;

/**
 * The outcome of one {@link HeadlessPlayer} session: QoE plus player-level counters.
 *
 * @param manifest        the URL played
 * @param kind            the manifest format, once known
 * @param live            whether the presentation was live
 * @param end             why the session ended
 * @param failure         for {@link End#FAILED}: one line saying what failed
 * @param qoe             the playback metrics ({@link QoeReport}); its peer/server bytes count
 *                        media segments
 * @param requests        HTTP requests sent (manifests, init and media segments, retries included)
 * @param failedRequests  requests that failed (error status, I/O error, timeout)
 * @param bytesReceived   body bytes of every successful request
 * @param skippedSegments live: segments jumped over because they left the time-shift window
 *                        or kept failing
 */
public record PlayerReport(URI manifest, Optional<ManifestKind> kind, boolean live, End end, Optional<String> failure,
                           QoeReport qoe, long requests, long failedRequests, long bytesReceived, long skippedSegments) {

    /** Why a session ended. */
    public enum End {
        /** A VoD presentation played to its end. */
        ENDED,
        /** The configured session limit was reached. */
        DURATION_LIMIT,
        /** {@link HeadlessPlayer#stop()} was called. */
        STOPPED,
        /** A fatal error; see {@link PlayerReport#failure()}. */
        FAILED
    }

    /** @throws IllegalArgumentException if a component is missing or a counter negative */
    public PlayerReport {
        if (manifest == null || kind == null || end == null || failure == null || qoe == null) {
            throw new IllegalArgumentException("player report components are required");
        }
        if (requests < 0 || failedRequests < 0 || bytesReceived < 0 || skippedSegments < 0) {
            throw new IllegalArgumentException("player counters must be >= 0");
        }
    }
}
