package io.privastream.origin;

import io.privastream.core.media.ContentId;
import io.privastream.manifest.DashReader;
import io.privastream.manifest.HlsReader;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import io.privastream.manifest.Track;
import io.privastream.manifest.TrackKind;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Describes a content from its own manifests (read with the shared manifest module). */
final class ManifestFacts {
    static final String MPD = "manifest.mpd";
    static final String MASTER = "master.m3u8";
    private static final Pattern TEMPLATE = Pattern.compile("<SegmentTemplate\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration FALLBACK_SEGMENT = Duration.ofSeconds(2);

    private ManifestFacts() {
    }

    /**
     * The descriptor of {@code id} from its manifests, or empty when it has neither an MPD nor an
     * HLS master yet.
     *
     * @param read gives an object's text by path, if present
     * @throws ManifestException when the manifests present cannot be read
     */
    static Optional<ContentDescriptor> describe(ContentId id, List<URI> servers, Function<String, Optional<String>> read) {
        Optional<String> mpd = read.apply(MPD);
        Optional<String> master = read.apply(MASTER);
        if (mpd.isEmpty() && master.isEmpty()) {
            return Optional.empty();
        }
        URI base = servers.getFirst();
        Presentation p = mpd.isPresent()
                ? DashReader.read(mpd.get(), base.resolve(MPD))
                : HlsReader.read(master.get(), base.resolve(MASTER),
                        url -> read.apply(base.relativize(url).toString())
                                .orElseThrow(() -> new ManifestException("media playlist " + url + " is missing")));
        Duration segment = p.maxSegmentDuration().orElseGet(() -> firstSegmentDuration(p).orElse(FALLBACK_SEGMENT));
        Duration window = p.live() ? p.timeShiftBufferDepth().orElse(segment.multipliedBy(15)) : Duration.ZERO;
        return Optional.of(new ContentDescriptor(id, p.live(), servers,
                mpd.isPresent() ? Optional.of(MPD) : Optional.empty(),
                master.isPresent() ? Optional.of(MASTER) : Optional.empty(),
                Math.max(1, segment.toMillis()), window.toMillis(), renditions(p), mpd.flatMap(ManifestFacts::template)));
    }

    private static List<ContentDescriptor.Rendition> renditions(Presentation p) {
        List<ContentDescriptor.Rendition> out = new ArrayList<>();
        for (Track t : p.periods().getFirst().tracks()) {
            String kind = t.kind() == TrackKind.AUDIO ? "audio" : "video";
            for (Representation r : t.representations()) {
                out.add(new ContentDescriptor.Rendition(r.id(), kind, r.bandwidthBitsPerSecond(), r.width(), r.height()));
            }
        }
        return out;
    }

    private static Optional<Duration> firstSegmentDuration(Presentation p) {
        for (Track t : p.periods().getFirst().tracks()) {
            for (Representation r : t.representations()) {
                var listed = r.segments().available(java.time.Instant.now());
                if (!listed.isEmpty()) {
                    return Optional.of(listed.getFirst().duration());
                }
            }
        }
        return Optional.empty();
    }

    /** The first SegmentTemplate's initialization, media and startNumber, when all are there. */
    static Optional<ContentDescriptor.SegmentTemplate> template(String mpd) {
        Matcher m = TEMPLATE.matcher(mpd);
        if (!m.find()) {
            return Optional.empty();
        }
        String init = null;
        String media = null;
        long start = 1;
        Matcher a = ATTRIBUTE.matcher(m.group(1));
        while (a.find()) {
            switch (a.group(1)) {
                case "initialization" -> init = a.group(2);
                case "media" -> media = a.group(2);
                case "startNumber" -> start = parseOr(a.group(2), 1);
                default -> { }
            }
        }
        return init == null || media == null ? Optional.empty() : Optional.of(new ContentDescriptor.SegmentTemplate(init, media, start));
    }

    private static long parseOr(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
