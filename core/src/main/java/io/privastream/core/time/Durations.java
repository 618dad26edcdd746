package io.privastream.core.time;

import io.privastream.core.media.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads and writes the short duration forms used in settings and on the command line. */
public final class Durations {
    private Durations() {
    }

    /**
     * Parses {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT2S}).
     *
     * @throws IllegalArgumentException quoting {@code text} when it is none of these
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6));
            }
            if (t.length() < 2) {
                throw new NumberFormatException();
            }
            double n = Double.parseDouble(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofNanos(Math.round(n * 1e9));
                case 'm' -> Duration.ofNanos(Math.round(n * 60e9));
                case 'h' -> Duration.ofNanos(Math.round(n * 3600e9));
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: '" + Text.quote(text) + "' (examples: 250ms, 2s, 1.5s, 5m, PT2S)");
        }
    }

    /** Writes {@code d} in the short form {@link #parse} reads: {@code 250ms}, {@code 2s}, {@code 1.5s}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
    }
}
