package io.privastream.manifest;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.Text;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a Representation's init segment and {@link SegmentIndex} from its segment
 * information, inherited level by level from Period, AdaptationSet and Representation
 * (ISO/IEC 23009-1 §5.3.9.1: attributes at a lower level override those above).
 */
final class DashSegments {
    /** Refuses timelines that expand to more segments than this (a hostile {@code S@r}). */
    static final int MAX_SEGMENTS = 1_000_000;

    private DashSegments() {
    }

    record Built(Optional<InitSegment> init, SegmentIndex index) {
    }

    /** A (time, duration) pair in timescale ticks from a SegmentTimeline. */
    private record Entry(long time, long duration) {
    }

    /**
     * @param levels Period, AdaptationSet and Representation, highest first
     * @param base   the Representation's resolved BaseURL
     */
    static Built build(List<XmlElement> levels, String repId, long bandwidth, URI base, DashReader.Context context) {
        XmlElement rep = levels.getLast();
        for (int i = levels.size() - 1; i >= 0; i--) {
            XmlElement level = levels.get(i);
            if (level.child("SegmentTemplate").isPresent()) {
                return template(chain(levels, i, "SegmentTemplate"), rep, repId, bandwidth, base, context);
            }
            if (level.child("SegmentList").isPresent()) {
                return list(chain(levels, i, "SegmentList"), rep, repId, base, context);
            }
            if (level.child("SegmentBase").isPresent()) {
                return single(level.child("SegmentBase"), rep, base, context);
            }
        }
        if (rep.child("BaseURL").isEmpty() && levels.stream().noneMatch(l -> l.child("BaseURL").isPresent())) {
            throw new ManifestException(rep.where() + ": Representation '" + repId
                    + "' has no SegmentTemplate, SegmentList, SegmentBase or BaseURL");
        }
        return single(Optional.empty(), rep, base, context);
    }

    /** The elements named {@code name} from level {@code lowest} upwards, lowest first. */
    private static List<XmlElement> chain(List<XmlElement> levels, int lowest, String name) {
        List<XmlElement> out = new ArrayList<>();
        for (int i = lowest; i >= 0; i--) {
            levels.get(i).child(name).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> inherited(List<XmlElement> chain, String attribute) {
        for (XmlElement e : chain) {
            Optional<String> v = e.attribute(attribute);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<XmlElement> inheritedChild(List<XmlElement> chain, String child) {
        for (XmlElement e : chain) {
            Optional<XmlElement> c = e.child(child);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static long number(List<XmlElement> chain, String attribute, long defaultValue) {
        return inherited(chain, attribute).map(v -> Attributes.parseCount(chain.getFirst(), attribute, v)).orElse(defaultValue);
    }

    private static Built template(List<XmlElement> chain, XmlElement rep, String repId, long bandwidth, URI base, DashReader.Context ctx) {
        XmlElement t = chain.getFirst();
        String where = t.where() + " of Representation '" + repId + "'";
        long timescale = inherited(chain, "timescale").map(v -> Attributes.positive(t, "timescale", v)).orElse(1L);
        long startNumber = number(chain, "startNumber", 1);
        long pto = number(chain, "presentationTimeOffset", 0);
        Duration ato = chain.stream().map(e -> Attributes.seconds(e, "availabilityTimeOffset"))
                .filter(d -> !d.isZero()).findFirst().orElse(Duration.ZERO);
        UrlTemplate media = UrlTemplate.parse(inherited(chain, "media").orElseThrow(() ->
                new ManifestException(where + ": missing @media")), where + " @media");

        Optional<InitSegment> init = inherited(chain, "initialization")
                .map(v -> InitSegment.of(Urls.resolve(base,
                        UrlTemplate.parse(v, where + " @initialization").expand(repId, 0, bandwidth, 0), where + " @initialization")))
                .or(() -> initialization(inheritedChild(chain, "Initialization"), base));

        Optional<XmlElement> timeline = inheritedChild(chain, "SegmentTimeline");
        if (timeline.isPresent()) {
            List<Entry> entries = timeline(timeline.get(), timescale, pto, ctx);
            List<MediaSegment> segments = new ArrayList<>(entries.size());
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                long n = startNumber + k;
                URI url = Urls.resolve(base, media.expand(repId, n, bandwidth, e.time()), where + " @media");
                segments.add(segment(n, e.time() - pto, e.duration(), timescale, url, Optional.empty(), ctx));
            }
            return new Built(init, new ListedSegments(segments, ctx.live(), ctx.timeShiftBufferDepth()));
        }
        Optional<String> duration = inherited(chain, "duration");
        if (duration.isEmpty()) {
            throw new ManifestException(where + ": needs @duration or a SegmentTimeline");
        }
        long d = Attributes.positive(t, "duration", duration.get());
        if (!ctx.live() && ctx.periodDuration().isEmpty()) {
            throw new ManifestException(where + ": cannot count segments: the Period has no duration and the MPD no"
                    + " @mediaPresentationDuration");
        }
        return new Built(init, new NumberedSegments(media, base, repId, bandwidth, startNumber, d, timescale, pto,
                ctx.periodStart(), ctx.periodDuration(),
                ctx.live() ? ctx.availabilityStart() : Optional.empty(), ctx.timeShiftBufferDepth(), ato));
    }

    private static Built list(List<XmlElement> chain, XmlElement rep, String repId, URI base, DashReader.Context ctx) {
        XmlElement l = chain.getFirst();
        String where = l.where() + " of Representation '" + repId + "'";
        long timescale = inherited(chain, "timescale").map(v -> Attributes.positive(l, "timescale", v)).orElse(1L);
        long startNumber = number(chain, "startNumber", 1);
        long pto = number(chain, "presentationTimeOffset", 0);
        List<XmlElement> urls = List.of();
        for (XmlElement e : chain) {
            if (!e.children("SegmentURL").isEmpty()) {
                urls = e.children("SegmentURL");
                break;
            }
        }
        if (urls.isEmpty()) {
            throw new ManifestException(where + ": SegmentList has no <SegmentURL>");
        }
        Optional<XmlElement> timeline = inheritedChild(chain, "SegmentTimeline");
        List<Entry> entries;
        if (timeline.isPresent()) {
            entries = timeline(timeline.get(), timescale, pto, ctx);
        } else {
            Optional<String> duration = inherited(chain, "duration");
            long d;
            if (duration.isPresent()) {
                d = Attributes.positive(l, "duration", duration.get());
            } else if (urls.size() == 1 && ctx.periodDuration().isPresent()) {
                d = Math.max(1, ctx.periodDuration().get().toNanos() * timescale / 1_000_000_000L);
            } else {
                throw new ManifestException(where + ": needs @duration or a SegmentTimeline for " + urls.size() + " segments");
            }
            entries = new ArrayList<>();
            for (int k = 0; k < urls.size(); k++) {
                entries.add(new Entry(pto + k * d, d));
            }
        }
        if (entries.size() < urls.size()) {
            throw new ManifestException(where + ": " + urls.size() + " SegmentURLs but the timeline has only " + entries.size());
        }
        List<MediaSegment> segments = new ArrayList<>();
        for (int k = 0; k < urls.size(); k++) {
            XmlElement u = urls.get(k);
            URI url = u.attribute("media").map(m -> Urls.resolve(base, m, u.where() + " @media")).orElse(base);
            Entry e = entries.get(k);
            segments.add(segment(startNumber + k, e.time() - pto, e.duration(), timescale, url,
                    Attributes.byteRange(u, "mediaRange"), ctx));
        }
        Optional<InitSegment> init = initialization(inheritedChild(chain, "Initialization"), base);
        return new Built(init, new ListedSegments(segments, ctx.live(), ctx.timeShiftBufferDepth()));
    }

    /** SegmentBase or a bare BaseURL: the whole resource is one segment lasting the Period. */
    private static Built single(Optional<XmlElement> segmentBase, XmlElement rep, URI base, DashReader.Context ctx) {
        Duration length = ctx.periodDuration().filter(d -> !d.isZero()).orElseThrow(() -> new ManifestException(rep.where()
                + ": a Representation without a segment template or list needs a Period of known duration"));
        Optional<InitSegment> init = segmentBase.flatMap(b -> initialization(b.child("Initialization"), base));
        Optional<Instant> availableAt = ctx.live()
                ? ctx.availabilityStart().map(a -> a.plus(ctx.periodStart()).plus(length)) : Optional.empty();
        MediaSegment only = new MediaSegment(1, ctx.periodStart(), length, base, Optional.empty(), availableAt);
        return new Built(init, new ListedSegments(List.of(only), ctx.live(), ctx.timeShiftBufferDepth()));
    }

    /** An {@code Initialization} element: @sourceURL (default: the BaseURL) and @range. */
    private static Optional<InitSegment> initialization(Optional<XmlElement> element, URI base) {
        return element.map(i -> new InitSegment(
                i.attribute("sourceURL").map(s -> Urls.resolve(base, s, i.where() + " @sourceURL")).orElse(base),
                Attributes.byteRange(i, "range")));
    }

    /**
     * @param mediaTime the segment's time minus presentationTimeOffset, in ticks
     */
    private static MediaSegment segment(long number, long mediaTime, long durationTicks, long timescale, URI url,
                                        Optional<ByteRange> range, DashReader.Context ctx) {
        Duration start = ctx.periodStart().plus(XsTypes.ticks(mediaTime, timescale));
        Duration duration = XsTypes.ticks(durationTicks, timescale);
        // §5.3.9.5.3: available once the whole segment exists, i.e. at its end.
        Optional<Instant> availableAt = ctx.live()
                ? ctx.availabilityStart().map(a -> a.plus(start).plus(duration)) : Optional.empty();
        return new MediaSegment(number, start, duration, url, range, availableAt);
    }

    /** Expands a SegmentTimeline (§5.3.9.6) into (time, duration) entries in ticks. */
    private static List<Entry> timeline(XmlElement timeline, long timescale, long pto, DashReader.Context ctx) {
        List<XmlElement> ss = timeline.children("S");
        if (ss.isEmpty()) {
            // A live MPD published before its first segment is complete (ffmpeg writes one):
            // no segments yet, which is not an error.
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < ss.size(); i++) {
            XmlElement s = ss.get(i);
            long t = Attributes.count(s, "t").orElse(next);
            if (i > 0 && t < next) {
                throw new ManifestException(s.where() + ": @t=" + t + " goes back before the previous segment's end " + next);
            }
            long d = Attributes.positive(s, "d", Attributes.required(s, "d"));
            String rText = s.attribute("r").orElse("0").strip();
            long r;
            try {
                r = Long.parseLong(rText);
            } catch (NumberFormatException e) {
                throw new ManifestException(s.where() + ": @r must be an integer, got '" + Text.quote(rText) + "'");
            }
            if (r < -1) {
                throw new ManifestException(s.where() + ": @r must be >= -1, got " + r);
            }
            if (r == -1) {
                long end = repeatEnd(ss, i, s, timescale, pto, ctx);
                r = Math.max(0, Math.ceilDiv(end - t, d) - 1);
            }
            if (out.size() + r + 1 > MAX_SEGMENTS) {
                throw new ManifestException(s.where() + ": timeline has more than " + MAX_SEGMENTS + " segments");
            }
            for (long k = 0; k <= r; k++) {
                out.add(new Entry(t + k * d, d));
            }
            next = t + (r + 1) * d;
        }
        return out;
    }

    /** Where an {@code S@r="-1"} stops repeating: the next S@t, the Period end, or (live) the publish time. */
    private static long repeatEnd(List<XmlElement> ss, int i, XmlElement s, long timescale, long pto, DashReader.Context ctx) {
        if (i + 1 < ss.size() && ss.get(i + 1).attribute("t").isPresent()) {
            return Attributes.count(ss.get(i + 1), "t").orElseThrow();
        }
        Optional<Duration> until = ctx.periodDuration();
        if (until.isEmpty() && ctx.live() && ctx.publishTime().isPresent() && ctx.availabilityStart().isPresent()) {
            until = Optional.of(Duration.between(ctx.availabilityStart().get().plus(ctx.periodStart()),
                    ctx.publishTime().get()));
        }
        Duration u = until.orElseThrow(() -> new ManifestException(s.where()
                + ": @r=-1 needs a following @t, a Period duration or an MPD @publishTime"));
        return pto + u.getSeconds() * timescale + (long) u.getNano() * timescale / 1_000_000_000L;
    }
}
