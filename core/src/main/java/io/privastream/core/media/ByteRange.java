package io.privastream.core.media;

/**
 * A half-open range of byte offsets {@code [start, end)} within one object.
 *
 * <p>Always {@code 0 <= start <= end}. HTTP writes ranges with an inclusive last byte
 * (RFC 9110 §14.1.2); {@link #toHttpHeader()} and {@link #lastInclusive()} convert.
 *
 * @param start first byte offset, inclusive
 * @param end   offset after the last byte, exclusive
 */
public record ByteRange(long start, long end) implements Comparable<ByteRange> {

    /** @throws IllegalArgumentException if {@code start < 0} or {@code end < start} */
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("byte range needs 0 <= start <= end, got [" + start + ", " + end + ")");
        }
    }

    /** The range {@code [start, start + length)}. */
    public static ByteRange ofLength(long start, long length) {
        return new ByteRange(start, start + length);
    }

    /** Number of bytes in the range. */
    public long length() {
        return end - start;
    }

    /** True if the range holds no bytes. */
    public boolean isEmpty() {
        return end == start;
    }

    /** The inclusive offset of the last byte; only meaningful when the range is not empty. */
    public long lastInclusive() {
        return end - 1;
    }

    /** True if {@code offset} lies in the range. */
    public boolean contains(long offset) {
        return offset >= start && offset < end;
    }

    /** The value of an HTTP {@code Range} header asking for exactly this range, e.g. {@code bytes=0-99}. */
    public String toHttpHeader() {
        if (isEmpty()) {
            throw new IllegalStateException("an empty range cannot be requested over HTTP");
        }
        return "bytes=" + start + "-" + lastInclusive();
    }

    @Override
    public int compareTo(ByteRange other) {
        int byStart = Long.compare(start, other.start);
        return byStart != 0 ? byStart : Long.compare(end, other.end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
