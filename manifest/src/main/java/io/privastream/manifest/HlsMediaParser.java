package io.privastream.manifest;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.Text;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One pass over the lines of an HLS media playlist (RFC 8216 §4.3.3); see {@link HlsReader#parseMedia}. */
final class HlsMediaParser {
    private final URI url;
    private final List<MediaSegment> segments = new ArrayList<>();
    private Duration target;
    private long sequence;
    private boolean ended;
    private Optional<InitSegment> init = Optional.empty();
    private Duration pendingDuration;
    private int pendingLine;
    private String pendingRange;
    private String pendingRangeWhere;
    private Instant nextProgramDate;
    private URI lastRangeUri;
    private long lastRangeEnd;
    private Duration elapsed = Duration.ZERO;

    HlsMediaParser(URI url) {
        this.url = url;
    }

    MediaPlaylist parse(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            line(lines.get(i), "playlist line " + (i + 1), i + 1);
        }
        if (pendingDuration != null) {
            throw new ManifestException("playlist line " + pendingLine + ": #EXTINF has no URI line after it (truncated?)");
        }
        if (target == null) {
            // RFC 8216 §4.3.3.1: EXT-X-TARGETDURATION is required.
            throw new ManifestException("media playlist " + Text.quote(url.toString()) + " has no #EXT-X-TARGETDURATION");
        }
        List<MediaSegment> out = segments;
        if (ended) {
            // Availability times only mean something for live playlists; EXT-X-ENDLIST
            // usually comes last, so drop them now that the playlist turned out to be VoD.
            out = segments.stream().map(s -> new MediaSegment(s.number(), s.start(), s.duration(), s.url(), s.range(),
                    Optional.empty())).toList();
        }
        return new MediaPlaylist(url, target, sequence, ended, init, out);
    }

    private void line(String line, String where, int number) {
        if (line.isEmpty()) {
            return;
        }
        if (!line.startsWith("#")) {
            segment(line, where);
            return;
        }
        int colon = line.indexOf(':');
        String tag = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        switch (tag) {
            case "#EXTINF" -> {
                int comma = value.indexOf(',');
                pendingDuration = seconds(comma < 0 ? value : value.substring(0, comma), where);
                if (pendingDuration.isZero()) {
                    throw new ManifestException(where + ": #EXTINF duration must be positive, got '" + Text.quote(value) + "'");
                }
                pendingLine = number;
            }
            case "#EXT-X-TARGETDURATION" -> {
                long s = HlsReader.decimal(value, "EXT-X-TARGETDURATION", where);
                if (s == 0) {
                    throw new ManifestException(where + ": EXT-X-TARGETDURATION must be positive");
                }
                target = Duration.ofSeconds(s);
            }
            case "#EXT-X-MEDIA-SEQUENCE" -> sequence = HlsReader.decimal(value, "EXT-X-MEDIA-SEQUENCE", where);
            case "#EXT-X-ENDLIST" -> ended = true;
            case "#EXT-X-BYTERANGE" -> {
                pendingRange = value;
                pendingRangeWhere = where;
            }
            case "#EXT-X-PROGRAM-DATE-TIME" -> nextProgramDate = XsTypes.dateTime(value, where + " #EXT-X-PROGRAM-DATE-TIME");
            case "#EXT-X-MAP" -> {
                if (init.isEmpty()) {
                    Map<String, String> a = HlsAttributes.parse(value, where);
                    if (!a.containsKey("URI")) {
                        throw new ManifestException(where + ": #EXT-X-MAP has no URI");
                    }
                    init = Optional.of(new InitSegment(Urls.resolve(url, a.get("URI"), where),
                            Optional.ofNullable(a.get("BYTERANGE")).map(r -> byteRange(r, Optional.of(0L), where))));
                }
            }
            case "#EXT-X-STREAM-INF" -> throw new ManifestException(where + ": #EXT-X-STREAM-INF in a media playlist"
                    + " (this is a master playlist)");
            default -> {
                // Other tags (EXT-X-VERSION, EXT-X-KEY, EXT-X-DISCONTINUITY, ...) and
                // comments do not change which bytes a segment is (RFC 8216 §4.1: ignore unknown tags).
            }
        }
    }

    private void segment(String uriText, String where) {
        if (pendingDuration == null) {
            throw new ManifestException(where + ": URI line '" + Text.quote(uriText) + "' without a preceding #EXTINF");
        }
        URI uri = Urls.resolve(url, uriText, where);
        Optional<ByteRange> range = Optional.empty();
        if (pendingRange != null) {
            // §4.3.2.2: without an offset, the range starts where the previous segment's
            // range of the same resource ended.
            Optional<Long> previousEnd = uri.equals(lastRangeUri) ? Optional.of(lastRangeEnd) : Optional.empty();
            ByteRange r = byteRange(pendingRange, previousEnd, pendingRangeWhere);
            range = Optional.of(r);
            lastRangeUri = uri;
            lastRangeEnd = r.end();
        }
        Optional<Instant> availableAt = Optional.ofNullable(nextProgramDate).map(p -> p.plus(pendingDuration));
        segments.add(new MediaSegment(sequence + segments.size(), elapsed, pendingDuration, uri, range, availableAt));
        elapsed = elapsed.plus(pendingDuration);
        if (nextProgramDate != null) {
            // §4.3.2.6: later segments' dates follow from the durations until the next tag.
            nextProgramDate = nextProgramDate.plus(pendingDuration);
        }
        pendingDuration = null;
        pendingRange = null;
    }

    /** A decimal-floating-point number of seconds (EXTINF), non-negative. */
    static Duration seconds(String value, String where) {
        try {
            BigDecimal s = new BigDecimal(value.strip());
            if (s.signum() >= 0 && s.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0) {
                return Duration.ofNanos(s.movePointRight(9).longValue());
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ManifestException(where + ": duration must be a non-negative number of seconds, got '" + Text.quote(value) + "'");
    }

    /** A byte range written {@code length[@offset]} (RFC 8216 §4.3.2.2). */
    static ByteRange byteRange(String value, Optional<Long> defaultOffset, String where) {
        String[] parts = value.strip().split("@", -1);
        try {
            long length = Long.parseLong(parts[0]);
            if (parts.length <= 2 && length >= 0) {
                Optional<Long> offset = parts.length == 2 ? Optional.of(Long.parseLong(parts[1])) : defaultOffset;
                if (offset.isEmpty()) {
                    throw new ManifestException(where + ": byte range '" + Text.quote(value)
                            + "' has no offset and follows no range of the same resource");
                }
                if (offset.get() >= 0) {
                    return ByteRange.ofLength(offset.get(), length);
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ManifestException(where + ": byte range must be LENGTH[@OFFSET], got '" + Text.quote(value) + "'");
    }
}
