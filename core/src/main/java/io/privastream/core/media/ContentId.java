package io.privastream.core.media;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The opaque identifier of one piece of content (a live channel or a VoD title).
 *
 * <p>Always 8 to 64 characters of {@code [a-z0-9]}, so it is safe in URL paths, file names and
 * log lines. It says nothing about the title: titles stay on the origin side.
 *
 * @param value the identifier; {@link #toString()} returns it and {@link #of(String)} parses it back
 */
public record ContentId(String value) implements Comparable<ContentId> {
    private static final Pattern FORM = Pattern.compile("[a-z0-9]{8,64}");

    /** @throws IllegalArgumentException if {@code value} is not 8-64 characters of [a-z0-9] */
    public ContentId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("content id must be 8-64 characters of [a-z0-9], got '" + Text.quote(value) + "'");
        }
    }

    /** Parses {@code value}; same checks as the constructor. */
    public static ContentId of(String value) {
        return new ContentId(value);
    }

    /** A fresh id of 128 random bits in lowercase hex (32 characters). */
    public static ContentId random(RandomGenerator random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new ContentId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public int compareTo(ContentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
