package io.privastream.player;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthetic presentation laid out as ffmpeg's dash muxer lays it out (init-stream$ID$.m4s,
 * chunk-stream$ID$-$Number%05d$.m4s, master.m3u8 + media_$ID$.m3u8), published on a
 * {@link TestOrigin}. Segment bytes are arbitrary (the player does not decode); each is
 * {@code bitrate × duration / 8} bytes, so throughput behaves as for real media.
 *
 * @param segments        media segments per representation (VoD)
 * @param segmentDuration each segment's duration
 * @param videoBitrates   video representations' bandwidths, ascending; ids 0, 1, ...
 * @param audioBitrate    the audio representation's bandwidth (id = number of video
 *                        representations); 0 for none (muxed)
 */
record Synthetic(int segments, Duration segmentDuration, List<Long> videoBitrates, long audioBitrate) {
    private static final Pattern CHUNK = Pattern.compile(".*chunk-stream(\\d+)-(\\d+)\\.m4s");

    private List<Long> allBitrates() {
        List<Long> all = new ArrayList<>(videoBitrates);
        if (audioBitrate > 0) {
            all.add(audioBitrate);
        }
        return all;
    }

    private int audioId() {
        return videoBitrates.size();
    }

    byte[] segmentBytes(int rep) {
        return new byte[(int) (allBitrates().get(rep) * segmentDuration.toMillis() / 8000)];
    }

    private String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    /** Publishes segments 1..segments (VoD) under {@code dir}. */
    void publishSegments(TestOrigin origin, String dir) {
        for (int rep = 0; rep < allBitrates().size(); rep++) {
            origin.put(dir + "/init-stream" + rep + ".m4s", new byte[800]);
            byte[] body = segmentBytes(rep);
            for (int n = 1; n <= segments; n++) {
                origin.put(dir + "/chunk-stream" + rep + "-%05d.m4s".formatted(n), body);
            }
        }
    }

    /** A static MPD with SegmentTimeline, as ffmpeg writes it. */
    String vodMpd() {
        long d = segmentDuration.toMillis();
        StringBuilder s = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static"
                     mediaPresentationDuration="PT%sS" maxSegmentDuration="PT%sS" minBufferTime="PT%sS">
                  <Period id="0" start="PT0.0S">
                """.formatted(seconds(segmentDuration.multipliedBy(segments)), seconds(segmentDuration), seconds(segmentDuration)));
        s.append(adaptationSets("<SegmentTimeline><S t=\"0\" d=\"" + d + "\" r=\"" + (segments - 1) + "\"/></SegmentTimeline>", 1));
        return s.append("  </Period>\n</MPD>\n").toString();
    }

    private String adaptationSets(String timeline, long startNumber) {
        StringBuilder s = new StringBuilder("    <AdaptationSet id=\"0\" contentType=\"video\" segmentAlignment=\"true\">\n");
        for (int rep = 0; rep < videoBitrates.size(); rep++) {
            s.append(representation(rep, "video/mp4", "avc1.42c01e", timeline, startNumber));
        }
        s.append("    </AdaptationSet>\n");
        if (audioBitrate > 0) {
            s.append("    <AdaptationSet id=\"1\" contentType=\"audio\" segmentAlignment=\"true\">\n")
                    .append(representation(audioId(), "audio/mp4", "mp4a.40.2", timeline, startNumber))
                    .append("    </AdaptationSet>\n");
        }
        return s.toString();
    }

    private String representation(int rep, String mime, String codecs, String timeline, long startNumber) {
        return """
                      <Representation id="%d" mimeType="%s" codecs="%s" bandwidth="%d">
                        <SegmentTemplate timescale="1000" initialization="init-stream$RepresentationID$.m4s" media="chunk-stream$RepresentationID$-$Number%%05d$.m4s" startNumber="%d">
                          %s
                        </SegmentTemplate>
                      </Representation>
                """.formatted(rep, mime, codecs, allBitrates().get(rep), startNumber, timeline);
    }

    /** An HLS master playlist with an audio group (when there is audio), as ffmpeg writes it. */
    String master() {
        StringBuilder s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n\n");
        if (audioBitrate > 0) {
            s.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"group_A1\",NAME=\"audio_").append(audioId())
                    .append("\",DEFAULT=YES,URI=\"media_").append(audioId()).append(".m3u8\"\n\n");
        }
        for (int rep = 0; rep < videoBitrates.size(); rep++) {
            s.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(videoBitrates.get(rep) + audioBitrate).append(",RESOLUTION=640x360")
                    .append(audioBitrate > 0 ? ",CODECS=\"avc1.42c01e,mp4a.40.2\",AUDIO=\"group_A1\"\n" : "\n")
                    .append("media_").append(rep).append(".m3u8\n\n");
        }
        return s.toString();
    }

    /** A media playlist listing segments {@code first..last}; VoD when {@code ended}. */
    String mediaPlaylist(int rep, long first, long last, boolean ended, Instant programDateOfFirst) {
        StringBuilder s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:")
                .append(Math.max(1, (segmentDuration.toMillis() + 999) / 1000)).append("\n#EXT-X-MEDIA-SEQUENCE:").append(first)
                .append("\n#EXT-X-MAP:URI=\"init-stream").append(rep).append(".m4s\"\n");
        for (long n = first; n <= last; n++) {
            s.append("#EXTINF:").append(seconds(segmentDuration)).append(",\n#EXT-X-PROGRAM-DATE-TIME:")
                    .append(DateTimeFormatter.ISO_INSTANT.format(programDateOfFirst.plus(segmentDuration.multipliedBy(n - first))))
                    .append("\nchunk-stream").append(rep).append("-%05d.m4s\n".formatted(n));
        }
        return s.append(ended ? "#EXT-X-ENDLIST\n" : "").toString();
    }

    /** Publishes a VoD presentation as both DASH ({@code manifest.mpd}) and HLS ({@code master.m3u8}) under {@code dir}. */
    void publishVod(TestOrigin origin, String dir) {
        publishSegments(origin, dir);
        origin.put(dir + "/manifest.mpd", vodMpd());
        origin.put(dir + "/master.m3u8", master());
        for (int rep = 0; rep < allBitrates().size(); rep++) {
            origin.put(dir + "/media_" + rep + ".m3u8", mediaPlaylist(rep, 1, segments, true, Instant.EPOCH));
        }
    }

    /**
     * Publishes a live stream that began at {@code start}: segment n (from 1) becomes available
     * at {@code start + n × duration} and is 404 before; the MPD (dynamic, SegmentTimeline of the
     * last {@code window} available segments, minimumUpdatePeriod PT0S as ffmpeg writes for
     * sub-second segments) and the media playlists are generated on each request.
     */
    void publishLive(TestOrigin origin, String dir, Instant start, int window, Supplier<Instant> clock) {
        long d = segmentDuration.toMillis();
        for (int rep = 0; rep < allBitrates().size(); rep++) {
            origin.put(dir + "/init-stream" + rep + ".m4s", new byte[800]);
        }
        for (int rep = 0; rep < allBitrates().size(); rep++) {
            byte[] body = segmentBytes(rep);
            int r = rep;
            for (int n = 1; n <= 400; n++) { // enough for any test session
                long number = n;
                origin.put(dir + "/chunk-stream" + r + "-%05d.m4s".formatted(n),
                        () -> available(start, clock.get()) >= number ? Optional.of(body) : Optional.empty());
            }
        }
        origin.put(dir + "/manifest.mpd", () -> {
            long last = available(start, clock.get());
            long first = Math.max(1, last - window + 1);
            String timeline = last < 1 ? "<SegmentTimeline/>"
                    : "<SegmentTimeline><S t=\"" + (first - 1) * d + "\" d=\"" + d + "\" r=\"" + (last - first) + "\"/></SegmentTimeline>";
            String mpd = """
                    <?xml version="1.0" encoding="utf-8"?>
                    <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="dynamic"
                         minimumUpdatePeriod="PT0S" suggestedPresentationDelay="PT0S" availabilityStartTime="%s"
                         publishTime="%s" timeShiftBufferDepth="PT%sS" maxSegmentDuration="PT%sS" minBufferTime="PT%sS">
                      <Period id="0" start="PT0.0S">
                    %s  </Period>
                    </MPD>
                    """.formatted(start, clock.get(), seconds(segmentDuration.multipliedBy(window)), seconds(segmentDuration),
                    seconds(segmentDuration), adaptationSets(timeline, first));
            return Optional.of(mpd.getBytes(StandardCharsets.UTF_8));
        });
        origin.put(dir + "/master.m3u8", master());
        for (int rep = 0; rep < allBitrates().size(); rep++) {
            int r = rep;
            origin.put(dir + "/media_" + rep + ".m3u8", () -> {
                long last = available(start, clock.get());
                long first = Math.max(1, last - window + 1);
                return Optional.of(mediaPlaylist(r, first, last, false, start.plus(segmentDuration.multipliedBy(first - 1)))
                        .getBytes(StandardCharsets.UTF_8));
            });
        }
    }

    /**
     * Like {@link #publishLive} but with a fixed MPD whose SegmentTemplate has {@code @duration}
     * and no timeline: which segments exist follows from availabilityStartTime and the clock
     * (ISO/IEC 23009-1 §5.3.9.5), so the player never needs to reload it.
     */
    void publishLiveNumbered(TestOrigin origin, String dir, Instant start, Supplier<Instant> clock) {
        publishLive(origin, dir, start, 1, clock);
        origin.put(dir + "/manifest.mpd", """
                <?xml version="1.0" encoding="utf-8"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="%s" minBufferTime="PT1S">
                  <Period id="0" start="PT0S">
                    <AdaptationSet contentType="video">
                      <SegmentTemplate timescale="1000" duration="%d" startNumber="1"
                          initialization="init-stream$RepresentationID$.m4s" media="chunk-stream$RepresentationID$-$Number%%05d$.m4s"/>
                      <Representation id="0" bandwidth="%d"/>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """.formatted(start, segmentDuration.toMillis(), videoBitrates.getFirst()));
    }

    /** The newest segment number available at {@code now} (0 when none). */
    long available(Instant start, Instant now) {
        return Math.max(0, Duration.between(start, now).toMillis() / segmentDuration.toMillis());
    }

    /** The representation id and number of a chunk path, if it is one. */
    static Optional<long[]> chunk(String path) {
        Matcher m = CHUNK.matcher(path);
        return m.matches() ? Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}) : Optional.empty();
    }
}
