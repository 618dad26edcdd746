package io.privastream.player;

import io.privastream.core.playback.PlaybackState;
import java.time.Duration;

/**
 * A snapshot of a session for a live progress display.
 *
 * @param elapsed                     since the manifest request
 * @param state                       playback state
 * @param buffer                      media buffered ahead of the playhead
 * @param playingBitrateBitsPerSecond bandwidth of the video representation playing; 0 before the first frame
 * @param throughputBitsPerSecond     the ABR's throughput estimate; 0 before the first sample
 * @param rebuffers                   stalls so far
 * @param requests                    HTTP requests so far
 * @param failedRequests              failed requests so far
 */
public record PlayerProgress(Duration elapsed, PlaybackState state, Duration buffer, long playingBitrateBitsPerSecond,
                             long throughputBitsPerSecond, int rebuffers, long requests, long failedRequests) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%6.1fs %-8s buffer %5.1fs  playing %6.0f kbit/s  throughput %7.0f kbit/s  stalls %d  requests %d (%d failed)",
                elapsed.toMillis() / 1000.0, state, buffer.toMillis() / 1000.0, playingBitrateBitsPerSecond / 1000.0,
                throughputBitsPerSecond / 1000.0, rebuffers, requests, failedRequests);
    }
}
