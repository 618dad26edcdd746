package io.privastream.http;

import io.privastream.core.media.ByteRange;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed {@code Content-Range} response header (RFC 9110 §14.4): {@code bytes 0-99/1000},
 * {@code bytes 0-99/*} or {@code bytes *}{@code /1000}.
 *
 * @param range       the bytes the body carries, if any
 * @param totalLength the object's full length, when the server said
 */
public record ContentRange(Optional<ByteRange> range, OptionalLong totalLength) {

    /** Parses {@code value}; empty when it is not a well-formed bytes Content-Range. */
    public static Optional<ContentRange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (!v.regionMatches(true, 0, "bytes ", 0, 6)) {
            return Optional.empty();
        }
        v = v.substring(6).strip();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String span = v.substring(0, slash).strip();
        String total = v.substring(slash + 1).strip();
        try {
            OptionalLong length = total.equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(total));
            if (length.isPresent() && length.getAsLong() < 0) {
                return Optional.empty();
            }
            if (span.equals("*")) {
                return length.isPresent() ? Optional.of(new ContentRange(Optional.empty(), length)) : Optional.empty();
            }
            int dash = span.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            long first = Long.parseLong(span.substring(0, dash).strip());
            long last = Long.parseLong(span.substring(dash + 1).strip());
            if (first < 0 || last < first || (length.isPresent() && last >= length.getAsLong())) {
                return Optional.empty();
            }
            return Optional.of(new ContentRange(Optional.of(new ByteRange(first, last + 1)), length));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
