package io.privastream.protocol.tracker;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a sealed handle travels as a host name, so that an unmodified HTTP client can ask a relay
 * for it: {@code CONNECT <labels>.sealed.invalid:443}, the handle's hex split into DNS labels of
 * at most {@value #LABEL} characters ({@code .invalid} never resolves, RFC 6761 §6.4). The relay
 * reads the handle back, opens it and connects the tunnel to the address inside.
 */
public final class SealedHosts {
    /** Suffix of every handle host. */
    public static final String SUFFIX = ".sealed.invalid";
    /** Port of every handle host; the real port is inside the handle. */
    public static final int PORT = 443;
    private static final int LABEL = 60;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private SealedHosts() {
    }

    /**
     * The host name carrying {@code handleHex}.
     *
     * @throws IllegalArgumentException if the handle is not lower-case hex
     */
    public static String host(String handleHex) {
        if (handleHex == null || !HEX.matcher(handleHex).matches()) {
            throw new IllegalArgumentException("a sealed handle is lower-case hex, got '" + handleHex + "'");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < handleHex.length(); i += LABEL) {
            if (i > 0) {
                b.append('.');
            }
            b.append(handleHex, i, Math.min(handleHex.length(), i + LABEL));
        }
        return b.append(SUFFIX).toString();
    }

    /** The handle inside a host made by {@link #host}; empty for any other host. */
    public static Optional<String> handle(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (!h.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String hex = h.substring(0, h.length() - SUFFIX.length()).replace(".", "");
        return hex.isEmpty() || !HEX.matcher(hex).matches() ? Optional.empty() : Optional.of(hex);
    }
}
