package io.privastream.core.media;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Finds the segment number in an object path without knowing the origin's naming scheme.
 *
 * <p>Works for DASH {@code $Number$} templates and the usual HLS names
 * ({@code chunk-stream2-00042.m4s} → 42, {@code seg_120.ts} → 120, {@code 7.m4s} → 7): the last
 * run of digits in the file name, extension excluded. Initialization segments (file name containing {@code init})
 * and names without digits have none.
 */
public final class SegmentNumbers {
    private SegmentNumbers() {
    }

    /** The segment number in {@code path}, if it looks like a media segment. */
    public static OptionalLong of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            // Extensions such as .m4s or .mp4 carry digits that are not the segment number.
            name = name.substring(0, dot);
        }
        if (name.toLowerCase(Locale.ROOT).contains("init")) {
            return OptionalLong.empty();
        }
        int end = -1;
        for (int i = name.length() - 1; i >= 0; i--) {
            if (Character.isDigit(name.charAt(i))) {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return OptionalLong.empty();
        }
        int start = end;
        while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        // More than 18 digits would overflow a long: not a segment number we can use.
        if (end - start > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(name, start, end, 10));
    }
}
