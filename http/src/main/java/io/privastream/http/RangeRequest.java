package io.privastream.http;

import io.privastream.core.media.ByteRange;
import java.util.Optional;

/**
 * What a {@code Range} header asks of an object of known length (RFC 9110 §14.2).
 *
 * <p>Only single byte ranges are served partially. A header this server does not understand
 * (another unit, bad syntax) or that asks for several ranges is ignored and the whole object is
 * sent with 200, as §14.2 allows; a well-formed range that starts past the end is unsatisfiable
 * (416, §15.5.17).
 */
public sealed interface RangeRequest {

    /** Send the whole object (200). */
    record Whole() implements RangeRequest {
    }

    /** Send {@code range} (206 with Content-Range). */
    record Partial(ByteRange range) implements RangeRequest {
    }

    /** Answer 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements RangeRequest {
    }

    /**
     * Interprets {@code header} (the Range header's value, if any) against an object of
     * {@code length} bytes.
     */
    static RangeRequest parse(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        try {
            if (first.isEmpty()) {
                // Suffix range: the last N bytes (§14.1.2).
                if (last.isEmpty() || !digits(last)) {
                    return new Whole();
                }
                long n = Long.parseLong(last);
                if (n == 0) {
                    return new Unsatisfiable();
                }
                return length == 0 ? new Unsatisfiable() : new Partial(new ByteRange(Math.max(0, length - n), length));
            }
            if (!digits(first) || (!last.isEmpty() && !digits(last))) {
                return new Whole();
            }
            long start = Long.parseLong(first);
            if (!last.isEmpty() && Long.parseLong(last) < start) {
                return new Whole(); // invalid range-spec: ignore the header
            }
            if (start >= length) {
                return new Unsatisfiable();
            }
            long endInclusive = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
            return new Partial(new ByteRange(start, endInclusive + 1));
        } catch (NumberFormatException tooLong) {
            return new Whole();
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** The value of a {@code Content-Range} header for {@code range} of an object of {@code length} bytes. */
    static String contentRange(ByteRange range, long length) {
        return "bytes " + range.start() + "-" + range.lastInclusive() + "/" + length;
    }

    /** The value of a {@code Content-Range} header in a 416 answer. */
    static String unsatisfiedRange(long length) {
        return "bytes */" + length;
    }
}
