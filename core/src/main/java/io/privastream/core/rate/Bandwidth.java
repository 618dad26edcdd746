package io.privastream.core.rate;

import io.privastream.core.media.Text;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link or stream rate in bits per second.
 *
 * <p>{@link #UNLIMITED} (0) means "no cap". {@link #parse(String)} reads {@code 10Mbit},
 * {@code 2.5 Mbit/s}, {@code 800k}, {@code 1G}, {@code 12000} (bits/s) or {@code unlimited};
 * {@link #toString()} writes a form it reads back. Units are decimal (k = 1000), as for
 * link rates.
 *
 * @param bitsPerSecond the rate; {@code 0} means unlimited
 */
public record Bandwidth(long bitsPerSecond) implements Comparable<Bandwidth> {
    /** No cap. */
    public static final Bandwidth UNLIMITED = new Bandwidth(0);

    private static final Pattern FORM =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmg]?)(?:bit|bits|bps|b)?(?:/s)?\\s*");

    /** @throws IllegalArgumentException if {@code bitsPerSecond} is negative */
    public Bandwidth {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 bit/s (0 = unlimited), got " + bitsPerSecond);
        }
    }

    /** {@code n} bits per second. */
    public static Bandwidth bitsPerSecond(long n) {
        return new Bandwidth(n);
    }

    /** {@code n} kilobits (10^3) per second. */
    public static Bandwidth kbps(double n) {
        return new Bandwidth(Math.round(n * 1e3));
    }

    /** {@code n} megabits (10^6) per second. */
    public static Bandwidth mbps(double n) {
        return new Bandwidth(Math.round(n * 1e6));
    }

    /**
     * Parses a rate such as {@code 10Mbit}, {@code 800k}, {@code 2.5Mbps} or {@code unlimited}.
     *
     * @throws IllegalArgumentException quoting {@code text} when it is not a rate
     */
    public static Bandwidth parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("bandwidth is required, e.g. 10Mbit");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.isBlank() || lower.strip().equals("unlimited") || lower.strip().equals("0")) {
            return UNLIMITED;
        }
        Matcher m = FORM.matcher(lower);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a bandwidth: '" + Text.quote(text) + "' (examples: 10Mbit, 800k, 2.5Mbps, unlimited)");
        }
        double number = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2)) {
            case "k" -> 1e3;
            case "m" -> 1e6;
            case "g" -> 1e9;
            default -> 1;
        };
        return new Bandwidth(Math.round(number * scale));
    }

    /** True if this is {@link #UNLIMITED}. */
    public boolean isUnlimited() {
        return bitsPerSecond == 0;
    }

    /** The rate in bytes per second (bits / 8); 0 for unlimited. */
    public long bytesPerSecond() {
        return bitsPerSecond / 8;
    }

    /** This rate scaled by {@code factor} (unlimited stays unlimited). */
    public Bandwidth times(double factor) {
        return isUnlimited() ? this : new Bandwidth(Math.max(1, Math.round(bitsPerSecond * factor)));
    }

    @Override
    public int compareTo(Bandwidth other) {
        return Long.compare(bitsPerSecond, other.bitsPerSecond);
    }

    @Override
    public String toString() {
        if (isUnlimited()) {
            return "unlimited";
        }
        if (bitsPerSecond % 1_000_000 == 0) {
            return bitsPerSecond / 1_000_000 + "Mbit";
        }
        if (bitsPerSecond % 1_000 == 0) {
            return bitsPerSecond / 1_000 + "kbit";
        }
        return bitsPerSecond + "bit";
    }
}
