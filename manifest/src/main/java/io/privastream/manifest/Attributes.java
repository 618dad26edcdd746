package io.privastream.manifest;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Typed, validated attribute access on {@link XmlElement}s, with errors naming element and line. */
final class Attributes {
    private Attributes() {
    }

    static String required(XmlElement e, String name) {
        return e.attribute(name).orElseThrow(() -> new ManifestException(e.where() + ": missing @" + name));
    }

    /** A non-negative integer attribute, or empty when absent. */
    static Optional<Long> count(XmlElement e, String name) {
        return e.attribute(name).map(v -> parseCount(e, name, v));
    }

    static long count(XmlElement e, String name, long defaultValue) {
        return count(e, name).orElse(defaultValue);
    }

    static long parseCount(XmlElement e, String name, String v) {
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the element and the value
        }
        throw new ManifestException(e.where() + ": @" + name + " must be a non-negative integer, got '" + Text.quote(v) + "'");
    }

    /** A positive integer attribute. */
    static long positive(XmlElement e, String name, String v) {
        long n = parseCount(e, name, v);
        if (n == 0) {
            throw new ManifestException(e.where() + ": @" + name + " must be positive, got '" + Text.quote(v) + "'");
        }
        return n;
    }

    /** A non-negative integer that fits an int (pixel sizes), 0 when absent. */
    static int size(XmlElement e, String name) {
        long n = count(e, name, 0);
        if (n > Integer.MAX_VALUE) {
            throw new ManifestException(e.where() + ": @" + name + " is too large: " + n);
        }
        return (int) n;
    }

    static Optional<Duration> duration(XmlElement e, String name) {
        return e.attribute(name).map(v -> XsTypes.nonNegativeDuration(v, e.where() + " @" + name));
    }

    static Optional<Instant> dateTime(XmlElement e, String name) {
        return e.attribute(name).map(v -> XsTypes.dateTime(v, e.where() + " @" + name));
    }

    /** A byte range written {@code first-last} (inclusive, as in HTTP), e.g. {@code @mediaRange}. */
    static Optional<ByteRange> byteRange(XmlElement e, String name) {
        return e.attribute(name).map(v -> {
            String[] parts = v.strip().split("-", -1);
            if (parts.length == 2) {
                try {
                    long first = Long.parseLong(parts[0]);
                    long last = Long.parseLong(parts[1]);
                    if (first >= 0 && last >= first) {
                        return new ByteRange(first, last + 1);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw new ManifestException(e.where() + ": @" + name + " must be 'first-last' byte offsets, got '" + Text.quote(v) + "'");
        });
    }

    /** A seconds value given as a double ({@code @availabilityTimeOffset}); INF reads as zero. */
    static Duration seconds(XmlElement e, String name) {
        Optional<String> v = e.attribute(name);
        if (v.isEmpty() || v.get().strip().equalsIgnoreCase("INF")) {
            return Duration.ZERO;
        }
        try {
            double s = Double.parseDouble(v.get().strip());
            if (s >= 0 && s < 1e9) {
                return Duration.ofNanos(Math.round(s * 1e9));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ManifestException(e.where() + ": @" + name + " must be a non-negative number of seconds, got '"
                + Text.quote(v.get()) + "'");
    }
}
