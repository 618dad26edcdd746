package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads HLS playlists (RFC 8216) into a {@link Presentation}, in two steps so that the
 * caller does the I/O: {@link #parseMaster} the master playlist, fetch the media playlists it
 * names, {@link #parseMedia} each, then combine them with {@link #presentation}. {@link #read}
 * does all three with a caller-supplied fetch function.
 *
 * <p>Supported: variant streams with or without audio groups (muxed), audio renditions,
 * {@code EXTINF}, {@code EXT-X-BYTERANGE} (with and without offset), {@code EXT-X-MAP},
 * {@code EXT-X-MEDIA-SEQUENCE}, {@code EXT-X-PROGRAM-DATE-TIME}, {@code EXT-X-ENDLIST},
 * relative and absolute URIs, and a lone media playlist in place of a master. Encryption,
 * discontinuities, I-frame playlists and low-latency parts are read past, not interpreted.
 *
 * <p>Pure and thread-safe.
 */
public final class HlsReader {
    private HlsReader() {
    }

    /**
     * Parses a master playlist. A media playlist given in its place becomes a master with one
     * variant (bandwidth 0) whose URI is {@code url} itself.
     *
     * @throws ManifestException        if the text is not a playlist or an entry is malformed;
     *                                  the message gives the line number
     * @throws IllegalArgumentException if {@code url} is not absolute
     */
    public static MasterPlaylist parseMaster(String text, URI url) {
        List<String> lines = lines(text, url);
        return Guard.run("master playlist", () -> master(lines, url));
    }

    private static MasterPlaylist master(List<String> lines, URI url) {
        if (isMediaPlaylist(lines)) {
            return new MasterPlaylist(url, List.of(new Variant(url, 0, 0, 0, "", Optional.empty())), List.of());
        }
        List<Variant> variants = new ArrayList<>();
        List<Rendition> renditions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "playlist line " + (i + 1);
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                Map<String, String> a = HlsAttributes.parse(line.substring(line.indexOf(':') + 1), where);
                int uriLine = nextUriLine(lines, i);
                if (uriLine < 0) {
                    throw new ManifestException(where + ": #EXT-X-STREAM-INF has no URI line after it");
                }
                long bandwidth = decimal(a.get("BANDWIDTH"), "BANDWIDTH", where);
                int[] resolution = resolution(a.get("RESOLUTION"), where);
                variants.add(new Variant(Urls.resolve(url, lines.get(uriLine), "playlist line " + (uriLine + 1)), bandwidth,
                        resolution[0], resolution[1], a.getOrDefault("CODECS", ""), Optional.ofNullable(a.get("AUDIO"))));
                i = uriLine;
            } else if (line.startsWith("#EXT-X-MEDIA:")) {
                Map<String, String> a = HlsAttributes.parse(line.substring(line.indexOf(':') + 1), where);
                for (String required : List.of("TYPE", "GROUP-ID", "NAME")) {
                    if (!a.containsKey(required)) {
                        throw new ManifestException(where + ": #EXT-X-MEDIA has no " + required);
                    }
                }
                renditions.add(new Rendition(a.get("TYPE"), a.get("GROUP-ID"), a.get("NAME"), Optional.ofNullable(a.get("LANGUAGE")),
                        "YES".equals(a.get("DEFAULT")), Optional.ofNullable(a.get("URI")).map(u -> Urls.resolve(url, u, where))));
            }
        }
        if (variants.isEmpty()) {
            throw new ManifestException("master playlist " + Text.quote(url.toString()) + " has no #EXT-X-STREAM-INF variant");
        }
        return new MasterPlaylist(url, variants, renditions);
    }

    /**
     * Parses a media playlist.
     *
     * @throws ManifestException        if the text is not a media playlist, a tag is malformed,
     *                                  a URI line lacks its {@code EXTINF} or the playlist ends
     *                                  between an {@code EXTINF} and its URI (truncated)
     * @throws IllegalArgumentException if {@code url} is not absolute
     */
    public static MediaPlaylist parseMedia(String text, URI url) {
        List<String> lines = lines(text, url);
        return Guard.run("media playlist", () -> new HlsMediaParser(url).parse(lines));
    }

    /**
     * Combines a master playlist with those of its media playlists that were loaded.
     * Representations whose playlist is missing from {@code loaded} have no segments yet
     * ({@link SegmentIndex#loaded()} is false). The presentation is live unless every loaded
     * playlist has {@code EXT-X-ENDLIST}.
     *
     * <p>Tracks: one {@link TrackKind#VIDEO} track {@code video} of the variants (ids
     * {@code v0, v1, ...} in master order), and one {@link TrackKind#AUDIO} track per audio group
     * that variants reference, of the renditions that have a URI (ids {@code a0, a1, ...} in
     * master order; the {@code DEFAULT=YES} one first).
     *
     * @throws IllegalArgumentException if no playlist of {@code master} is in {@code loaded}
     */
    public static Presentation presentation(MasterPlaylist master, Map<URI, MediaPlaylist> loaded) {
        List<MediaPlaylist> used = master.mediaPlaylists().stream().filter(loaded::containsKey).map(loaded::get).toList();
        if (used.isEmpty()) {
            throw new IllegalArgumentException("none of the media playlists of " + master.url() + " is loaded");
        }
        boolean live = used.stream().anyMatch(p -> !p.ended());
        Duration target = used.stream().map(MediaPlaylist::targetDuration).max(Duration::compareTo).orElseThrow();

        List<Representation> video = new ArrayList<>();
        for (int i = 0; i < master.variants().size(); i++) {
            Variant v = master.variants().get(i);
            video.add(representation("v" + i, v.bandwidthBitsPerSecond(), v.width(), v.height(), v.codecs(), v.uri(), loaded));
        }
        List<Track> tracks = new ArrayList<>();
        boolean audioOnly = master.variants().stream().allMatch(v -> !v.codecs().isEmpty() && !v.codecs().matches(".*(avc|hvc|hev|av01|vp0?9).*"));
        tracks.add(new Track("video", audioOnly ? TrackKind.AUDIO : TrackKind.VIDEO, Optional.empty(), video));

        Map<String, List<Representation>> groups = new LinkedHashMap<>();
        master.variants().forEach(v -> v.audioGroup().ifPresent(g -> groups.putIfAbsent(g, new ArrayList<>())));
        List<Rendition> renditions = master.renditions();
        for (int i = 0; i < renditions.size(); i++) {
            Rendition r = renditions.get(i);
            List<Representation> group = groups.get(r.groupId());
            if (r.type().equals("AUDIO") && group != null && r.uri().isPresent()) {
                Representation rep = representation("a" + i, 0, 0, 0, "", r.uri().get(), loaded);
                if (r.isDefault()) {
                    group.addFirst(rep);
                } else {
                    group.add(rep);
                }
            }
        }
        groups.forEach((group, reps) -> {
            if (!reps.isEmpty()) {
                tracks.add(new Track(group, TrackKind.AUDIO, Optional.empty(), reps));
            }
        });
        Optional<Duration> duration = live ? Optional.empty()
                : Optional.of(used.stream().map(MediaPlaylist::totalDuration).max(Duration::compareTo).orElseThrow());
        Period period = new Period("0", Duration.ZERO, duration, tracks);
        return new Presentation(ManifestKind.HLS, master.url(), live, duration, target,
                live ? Optional.of(target) : Optional.empty(), Optional.empty(), Optional.empty(),
                // RFC 8216 §6.3.3: start no closer than three target durations to the end.
                live ? Optional.of(target.multipliedBy(3)) : Optional.empty(), Optional.of(target), Optional.empty(),
                List.of(period));
    }

    /**
     * Reads a master playlist and all its media playlists.
     *
     * @param fetchMediaPlaylist returns the text of the playlist at a URL (the caller's I/O);
     *                           its exceptions pass through
     * @throws ManifestException if any playlist is malformed
     */
    public static Presentation read(String masterText, URI masterUrl, Function<URI, String> fetchMediaPlaylist) {
        MasterPlaylist master = parseMaster(masterText, masterUrl);
        Map<URI, MediaPlaylist> loaded = new LinkedHashMap<>();
        for (URI uri : master.mediaPlaylists()) {
            String text = uri.equals(masterUrl) ? masterText : fetchMediaPlaylist.apply(uri);
            loaded.put(uri, parseMedia(text, uri));
        }
        return presentation(master, loaded);
    }

    private static Representation representation(String id, long bandwidth, int width, int height, String codecs, URI playlist,
                                                 Map<URI, MediaPlaylist> loaded) {
        MediaPlaylist media = loaded.get(playlist);
        Optional<InitSegment> init = media == null ? Optional.empty() : media.init();
        SegmentIndex index = media == null ? new UnloadedSegments(playlist)
                : new ListedSegments(media.segments(), false, Optional.empty());
        return new Representation(id, bandwidth, width, height, codecs, init, index, Optional.of(playlist));
    }

    /** The lines without terminators; checks the {@code #EXTM3U} header (RFC 8216 §4.3.1.1). */
    static List<String> lines(String text, URI url) {
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("playlist URL must be absolute, got '" + url + "'");
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = new ArrayList<>(List.of(t.split("\r?\n", -1)));
        lines.replaceAll(String::strip);
        if (lines.isEmpty() || !lines.getFirst().equals("#EXTM3U")) {
            throw new ManifestException("playlist line 1: expected #EXTM3U, got '" + Text.quote(lines.isEmpty() ? "" : lines.getFirst()) + "'");
        }
        return lines;
    }

    private static boolean isMediaPlaylist(List<String> lines) {
        boolean media = false;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-STREAM-INF")) {
                return false;
            }
            media |= line.startsWith("#EXTINF") || line.startsWith("#EXT-X-TARGETDURATION");
        }
        return media;
    }

    private static int nextUriLine(List<String> lines, int from) {
        for (int j = from + 1; j < lines.size(); j++) {
            String l = lines.get(j);
            if (l.startsWith("#EXT-X-STREAM-INF")) {
                return -1;
            }
            if (!l.isEmpty() && !l.startsWith("#")) {
                return j;
            }
        }
        return -1;
    }

    static long decimal(String value, String name, String where) {
        if (value == null) {
            throw new ManifestException(where + ": missing " + name);
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ManifestException(where + ": " + name + " must be a non-negative integer, got '" + Text.quote(value) + "'");
    }


    private static int[] resolution(String value, String where) {
        if (value == null) {
            return new int[] {0, 0};
        }
        String[] wh = value.split("x", -1);
        try {
            if (wh.length == 2) {
                int w = Integer.parseInt(wh[0]);
                int h = Integer.parseInt(wh[1]);
                if (w >= 0 && h >= 0) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ManifestException(where + ": RESOLUTION must be WIDTHxHEIGHT, got '" + Text.quote(value) + "'");
    }

}
