package io.privastream.core.playback;

import java.time.Duration;

/**
 * One interval of a session's timeline, for experiment CSVs.
 *
 * @param at                   end of the interval, from the manifest request
 * @param state                the state at {@code at}
 * @param buffer               media buffered ahead of the playhead at {@code at}
 * @param playedBitrateBitsPerSecond time-weighted mean bitrate of what played during the
 *                             interval; 0 when nothing played
 * @param played               media time played during the interval
 * @param stalled              time spent stalled during the interval
 */
public record TimelineSample(Duration at, PlaybackState state, Duration buffer, long playedBitrateBitsPerSecond,
                             Duration played, Duration stalled) {

    /** The CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "at_ms,state,buffer_ms,played_kbps,played_ms,stalled_ms";

    /** One CSV line: {@value #CSV_HEADER}. */
    public String toCsv() {
        return at.toMillis() + "," + state + "," + buffer.toMillis() + "," + playedBitrateBitsPerSecond / 1000.0 + ","
                + played.toMillis() + "," + stalled.toMillis();
    }
}
