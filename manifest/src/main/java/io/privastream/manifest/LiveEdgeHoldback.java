package io.privastream.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows a player the live edge later than it is, so that the agent can fetch the newest segment
 * before the player asks for it.
 *
 * <p>DASH: a dynamic MPD's {@code @availabilityStartTime} is moved later by the hold-back; every
 * segment's availability time ({@code AST + Period@start + (k+1)·d − ato}, ISO/IEC 23009-1
 * §5.3.9.5.3) moves with it, and with it every player's idea of the live edge, whatever its
 * live-delay rule. Static MPDs and every other byte of the text are left alone (targeted edit,
 * like {@link ManifestRewriter}).
 *
 * <p>Pure and thread-safe.
 */
public final class LiveEdgeHoldback {
    private static final Pattern MPD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?MPD\\b[^>]*>");
    private static final Pattern AST = Pattern.compile("(\\savailabilityStartTime\\s*=\\s*)([\"'])([^\"']*)\\2");
    private static final Pattern DYNAMIC = Pattern.compile("\\stype\\s*=\\s*([\"'])dynamic\\1");

    private LiveEdgeHoldback() {
    }

    /**
     * The MPD with its availability start time {@code by} later; unchanged when static, when
     * {@code by} is zero, or when it has no MPD element.
     *
     * @param mpd MPD text
     * @param by  how far to hold the live edge back, >= 0
     * @throws ManifestException when a dynamic MPD's {@code @availabilityStartTime} is missing or
     *                           not an xs:dateTime
     * @throws IllegalArgumentException when {@code by} is negative
     */
    public static String delayDash(String mpd, Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("hold-back must be >= 0, got " + by);
        }
        Matcher tag = MPD_TAG.matcher(mpd);
        if (by.isZero() || !tag.find() || !DYNAMIC.matcher(tag.group()).find()) {
            return mpd;
        }
        Matcher ast = AST.matcher(tag.group());
        if (!ast.find()) {
            throw new ManifestException("dynamic MPD without @availabilityStartTime");
        }
        Instant shifted = XsTypes.dateTime(ast.group(3), "MPD@availabilityStartTime").plus(by);
        String newTag = tag.group().substring(0, ast.start(3)) + shifted + tag.group().substring(ast.end(3));
        return mpd.substring(0, tag.start()) + newTag + mpd.substring(tag.end());
    }
}
