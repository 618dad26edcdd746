package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a DASH Media Presentation Description (ISO/IEC 23009-1) into a {@link Presentation}.
 *
 * <p>Supports static and dynamic MPDs; multiple Periods; BaseURL at every level (the first of
 * several alternatives is used); SegmentTemplate with SegmentTimeline or {@code @duration},
 * {@code $RepresentationID$ $Number$ $Time$ $Bandwidth$} with format tags; SegmentList with
 * SegmentURL and {@code @mediaRange}; SegmentBase (or a bare BaseURL) as one segment per
 * Period. Segment information and common attributes are inherited from AdaptationSet and
 * Period as §5.3.9.1 and §5.3.7 say.
 *
 * <p>Pure and thread-safe. The XML parser refuses DTDs, so no external entity is ever resolved.
 */
public final class DashReader {
    private DashReader() {
    }

    /** The MPD-level facts segment enumeration needs, per Period. */
    record Context(boolean live, Optional<Instant> availabilityStart, Optional<Duration> timeShiftBufferDepth,
                   Optional<Instant> publishTime, Duration periodStart, Optional<Duration> periodDuration) {
    }

    /**
     * Reads {@code mpd}, fetched from {@code mpdUrl}.
     *
     * @param mpd    the MPD text
     * @param mpdUrl the absolute URL it came from; relative BaseURLs and templates resolve against it
     * @return the presentation, with every segment URL absolute
     * @throws ManifestException        if the MPD is not well-formed or not a valid MPD; the
     *                                  message names the element and line
     * @throws IllegalArgumentException if {@code mpdUrl} is not absolute
     */
    public static Presentation read(String mpd, URI mpdUrl) {
        if (!mpdUrl.isAbsolute()) {
            throw new IllegalArgumentException("MPD URL must be absolute, got '" + mpdUrl + "'");
        }
        return Guard.run("MPD", () -> read(XmlTree.parse(mpd, "MPD"), mpdUrl));
    }

    private static Presentation read(XmlElement root, URI mpdUrl) {
        if (!root.name().equals("MPD")) {
            throw new ManifestException("root element is <" + Text.quote(root.name()) + ">, not <MPD>");
        }
        String type = root.attribute("type").orElse("static").strip();
        if (!type.equals("static") && !type.equals("dynamic")) {
            throw new ManifestException(root.where() + ": @type must be static or dynamic, got '" + Text.quote(type) + "'");
        }
        boolean live = type.equals("dynamic");
        Optional<Duration> total = Attributes.duration(root, "mediaPresentationDuration");
        Optional<Instant> ast = Attributes.dateTime(root, "availabilityStartTime");
        if (live && ast.isEmpty()) {
            // §5.3.1.2: availabilityStartTime shall be present in a dynamic MPD.
            throw new ManifestException(root.where() + ": a dynamic MPD needs @availabilityStartTime");
        }
        Optional<Duration> tsbd = Attributes.duration(root, "timeShiftBufferDepth");
        URI base = baseUrl(root, mpdUrl);
        Optional<URI> location = root.child("Location").map(l -> Urls.resolve(mpdUrl, l.text(), l.where()));

        List<XmlElement> periodElements = root.children("Period");
        if (periodElements.isEmpty()) {
            throw new ManifestException(root.where() + ": MPD has no <Period>");
        }
        List<Duration> starts = periodStarts(periodElements);
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < periodElements.size(); i++) {
            XmlElement p = periodElements.get(i);
            Duration start = starts.get(i);
            Optional<Duration> duration = Attributes.duration(p, "duration");
            if (duration.isEmpty() && i + 1 < starts.size()) {
                duration = Optional.of(starts.get(i + 1).minus(start));
            } else if (duration.isEmpty() && total.isPresent()) {
                duration = Optional.of(total.get().minus(start));
            }
            if (duration.isPresent() && duration.get().isNegative()) {
                throw new ManifestException(p.where() + ": Period starts at " + start + ", after the next Period or the end");
            }
            Context context = new Context(live, ast, tsbd, Attributes.dateTime(root, "publishTime"), start, duration);
            periods.add(period(p, i, baseUrl(p, base), context));
        }
        if (!live && total.isEmpty()) {
            Period last = periods.getLast();
            total = last.duration().map(d -> last.start().plus(d));
        }
        return new Presentation(ManifestKind.DASH, mpdUrl, live, live ? Optional.empty() : total,
                Attributes.duration(root, "minBufferTime").orElse(Duration.ZERO),
                live ? Attributes.duration(root, "minimumUpdatePeriod") : Optional.empty(),
                ast, tsbd, Attributes.duration(root, "suggestedPresentationDelay"),
                Attributes.duration(root, "maxSegmentDuration"), location, periods);
    }

    /** §5.3.2.1: @start, else the previous Period's start plus its @duration, else 0 for the first. */
    private static List<Duration> periodStarts(List<XmlElement> periods) {
        List<Duration> starts = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            XmlElement p = periods.get(i);
            Optional<Duration> start = Attributes.duration(p, "start");
            if (start.isEmpty() && i == 0) {
                start = Optional.of(Duration.ZERO);
            } else if (start.isEmpty()) {
                XmlElement previous = periods.get(i - 1);
                Duration previousStart = starts.get(i - 1);
                start = Attributes.duration(previous, "duration").map(previousStart::plus);
            }
            starts.add(start.orElseThrow(() -> new ManifestException(p.where()
                    + ": cannot place the Period: no @start and the previous Period has no @duration")));
        }
        return starts;
    }

    /** The first BaseURL child resolved against {@code parent}, else {@code parent}. */
    static URI baseUrl(XmlElement element, URI parent) {
        return element.child("BaseURL").map(b -> Urls.resolve(parent, b.text(), b.where())).orElse(parent);
    }

    private static Period period(XmlElement p, int index, URI base, Context context) {
        String id = p.attribute("id").orElse(Integer.toString(index));
        List<Track> tracks = new ArrayList<>();
        List<XmlElement> sets = p.children("AdaptationSet");
        for (int i = 0; i < sets.size(); i++) {
            tracks.add(track(p, sets.get(i), i, baseUrl(sets.get(i), base), context));
        }
        return new Period(id, context.periodStart(), context.periodDuration(), tracks);
    }

    private static Track track(XmlElement period, XmlElement set, int index, URI base, Context context) {
        List<XmlElement> reps = set.children("Representation");
        if (reps.isEmpty()) {
            throw new ManifestException(set.where() + ": AdaptationSet has no <Representation>");
        }
        List<Representation> out = new ArrayList<>();
        for (XmlElement rep : reps) {
            out.add(representation(period, set, rep, baseUrl(rep, base), context));
        }
        return new Track(set.attribute("id").orElse(Integer.toString(index)), kind(set, reps.getFirst()),
                set.attribute("lang"), out);
    }

    private static Representation representation(XmlElement period, XmlElement set, XmlElement rep, URI base, Context context) {
        String id = Attributes.required(rep, "id").strip();
        if (id.isEmpty()) {
            throw new ManifestException(rep.where() + ": @id is empty");
        }
        long bandwidth = Attributes.positive(rep, "bandwidth", Attributes.required(rep, "bandwidth"));
        int width = rep.attribute("width").isPresent() ? Attributes.size(rep, "width") : Attributes.size(set, "width");
        int height = rep.attribute("height").isPresent() ? Attributes.size(rep, "height") : Attributes.size(set, "height");
        String codecs = rep.attribute("codecs").or(() -> set.attribute("codecs")).orElse("");
        DashSegments.Built built = DashSegments.build(List.of(period, set, rep), id, bandwidth, base, context);
        return new Representation(id, bandwidth, width, height, codecs, built.init(), built.index(), Optional.empty());
    }

    /** §5.3.3.2 @contentType, else the MIME type's top level, else the codecs' family. */
    private static TrackKind kind(XmlElement set, XmlElement firstRep) {
        Optional<String> contentType = set.attribute("contentType")
                .or(() -> set.children("ContentComponent").size() == 1
                        ? set.children("ContentComponent").getFirst().attribute("contentType") : Optional.empty());
        Optional<String> mime = set.attribute("mimeType").or(() -> firstRep.attribute("mimeType"));
        String hint = contentType.or(() -> mime.map(m -> m.substring(0, Math.max(0, m.indexOf('/')))))
                .orElse("").toLowerCase(Locale.ROOT);
        if (mime.isPresent() && mime.get().toLowerCase(Locale.ROOT).contains("ttml")) {
            return TrackKind.TEXT;
        }
        switch (hint) {
            case "video" -> {
                return TrackKind.VIDEO;
            }
            case "audio" -> {
                return TrackKind.AUDIO;
            }
            case "text" -> {
                return TrackKind.TEXT;
            }
            default -> {
                String codecs = set.attribute("codecs").or(() -> firstRep.attribute("codecs")).orElse("").toLowerCase(Locale.ROOT);
                if (codecs.matches("(avc|hvc|hev|av01|vp0?9|vp8|dvh).*")) {
                    return TrackKind.VIDEO;
                }
                if (codecs.matches("(mp4a|ac-3|ec-3|opus|flac).*")) {
                    return TrackKind.AUDIO;
                }
                if (codecs.matches("(stpp|wvtt).*")) {
                    return TrackKind.TEXT;
                }
                return TrackKind.OTHER;
            }
        }
    }
}
