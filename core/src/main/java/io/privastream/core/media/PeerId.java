package io.privastream.core.media;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The opaque identifier an agent uses in a swarm.
 *
 * <p>Always 8 to 64 characters of {@code [A-Za-z0-9_-]} (hex and base64url both fit).
 *
 * @param value the identifier; {@link #toString()} returns it and {@link #of(String)} parses it back
 */
public record PeerId(String value) implements Comparable<PeerId> {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** @throws IllegalArgumentException if {@code value} is not 8-64 characters of [A-Za-z0-9_-] */
    public PeerId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("peer id must be 8-64 characters of [A-Za-z0-9_-], got '" + Text.quote(value) + "'");
        }
    }

    /** Parses {@code value}; same checks as the constructor. */
    public static PeerId of(String value) {
        return new PeerId(value);
    }

    /** A fresh id of 128 random bits in lowercase hex. */
    public static PeerId random(RandomGenerator random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new PeerId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public int compareTo(PeerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
