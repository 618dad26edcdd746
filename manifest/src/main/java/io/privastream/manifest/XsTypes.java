package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the XML Schema types MPDs use (xs:duration, xs:dateTime) and of timescale ticks. */
final class XsTypes {
    private static final Pattern DURATION = Pattern.compile(
            "(-)?P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
                    + "(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d*)?|\\.\\d+)S)?)?");
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private XsTypes() {
    }

    /**
     * Parses an xs:duration such as {@code PT20.0S} or {@code P1DT2H}. Years count 365 days and
     * months 30 days: MPDs put lengths, not calendar spans, in these attributes.
     *
     * @param where names the attribute for the error message
     * @throws ManifestException quoting the value when it is not an xs:duration
     */
    static Duration duration(String value, String where) {
        String v = value.strip();
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || v.equals("P") || v.endsWith("T") || v.equals("-P")) {
            throw new ManifestException(where + ": not an xs:duration: '" + Text.quote(value) + "'");
        }
        try {
            long days = number(m.group(2)) * 365 + number(m.group(3)) * 30 + number(m.group(4)) * 7 + number(m.group(5));
            long seconds = Math.addExact(Math.multiplyExact(days, 86_400L),
                    number(m.group(6)) * 3600 + number(m.group(7)) * 60);
            Duration d = Duration.ofSeconds(seconds);
            if (m.group(8) != null) {
                BigDecimal s = new BigDecimal(m.group(8).startsWith(".") ? "0" + m.group(8) : m.group(8));
                d = d.plusNanos(s.movePointRight(9).longValueExact());
            }
            return m.group(1) != null ? d.negated() : d;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ManifestException(where + ": xs:duration out of range: '" + Text.quote(value) + "'");
        }
    }

    /** Like {@link #duration} but rejects negative values. */
    static Duration nonNegativeDuration(String value, String where) {
        Duration d = duration(value, where);
        if (d.isNegative()) {
            throw new ManifestException(where + ": duration must not be negative, got '" + Text.quote(value) + "'");
        }
        return d;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /**
     * Parses an xs:dateTime (or an HLS program date). A value without a zone is read as UTC, as
     * dash.js does, since a presentation has no other reference zone; an offset without a colon
     * ({@code +0000}, as ffmpeg writes) is accepted.
     *
     * @throws ManifestException quoting the value when it is not an xs:dateTime
     */
    static Instant dateTime(String value, String where) {
        // ffmpeg writes HLS program dates with a colon-less offset ("+0000"); ISO 8601 wants "+00:00".
        String v = COLONLESS_OFFSET.matcher(value.strip()).replaceFirst("$1:$2");
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new ManifestException(where + ": not an xs:dateTime: '" + Text.quote(value) + "'");
            }
        }
    }

    /** {@code ticks / timescale} seconds, exact to the nanosecond (rounded down). */
    static Duration ticks(long ticks, long timescale) {
        long seconds = Math.floorDiv(ticks, timescale);
        long rest = Math.floorMod(ticks, timescale);
        // rest < timescale <= 2^32, so rest * 10^9 stays below 2^63.
        return Duration.ofSeconds(seconds, rest * NANOS_PER_SECOND / timescale);
    }
}
