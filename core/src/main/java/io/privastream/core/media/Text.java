package io.privastream.core.media;

/** Helpers for quoting untrusted input in error messages. */
public final class Text {
    private static final int MAX_QUOTED = 80;

    private Text() {
    }

    /**
     * Returns {@code s} shortened to 80 characters with control characters escaped, so that a
     * hostile value can be quoted in an error message or log line without forging lines.
     * {@code null} becomes {@code "null"}.
     */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8);
        for (int i = 0; i < s.length() && i < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > MAX_QUOTED) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
