package io.privastream.origin;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Evaluates conditional request headers against an object's validators (RFC 9110 §13.1-13.2),
 * for GET and HEAD. Jetty-free and pure.
 */
final class Conditional {
    /** What to answer. */
    enum Outcome {
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** Answer normally, honouring Range. */
        NORMAL,
        /** Answer the whole object: an If-Range validator did not match (§13.1.5). */
        IGNORE_RANGE
    }

    private Conditional() {
    }

    /**
     * @param ifNoneMatch     the If-None-Match header, if any
     * @param ifModifiedSince the If-Modified-Since header, if any
     * @param ifRange         the If-Range header, if any
     * @param etag            the object's strong entity tag, quoted
     * @param lastModified    when the object last changed (second precision)
     */
    static Outcome evaluate(Optional<String> ifNoneMatch, Optional<String> ifModifiedSince, Optional<String> ifRange, String etag,
            Instant lastModified) {
        if (ifNoneMatch.isPresent()) {
            // §13.1.2: weak comparison; If-Modified-Since is ignored when If-None-Match is present.
            if (matchesAny(ifNoneMatch.get(), etag, true)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince.isPresent()) {
            Optional<Instant> since = httpDate(ifModifiedSince.get());
            if (since.isPresent() && !lastModified.isAfter(since.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        if (ifRange.isPresent()) {
            String v = ifRange.get().strip();
            boolean matches;
            if (v.startsWith("\"") || v.startsWith("W/")) {
                // §13.1.5: strong comparison only; a weak tag never matches.
                matches = v.equals(etag);
            } else {
                matches = httpDate(v).map(d -> d.equals(lastModified)).orElse(false);
            }
            if (!matches) {
                return Outcome.IGNORE_RANGE;
            }
        }
        return Outcome.NORMAL;
    }

    private static boolean matchesAny(String header, String etag, boolean weak) {
        String h = header.strip();
        if (h.equals("*")) {
            return true;
        }
        String ours = weak ? opaque(etag) : etag;
        for (String part : h.split(",")) {
            String candidate = part.strip();
            if ((weak ? opaque(candidate) : candidate).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** Parses an HTTP-date (IMF-fixdate, RFC 9110 §5.6.7); empty if it is not one. */
    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Formats {@code t} as an HTTP-date. */
    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(java.time.ZoneOffset.UTC));
    }
}
