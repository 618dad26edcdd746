package io.privastream.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds ffmpeg command lines; pure, so they are unit-tested without running ffmpeg.
 *
 * <p>Both DASH and HLS come out of one run of ffmpeg's dash muxer ({@code -hls_playlist 1}):
 * one set of fMP4 segments, an MPD with a SegmentTemplate and SegmentTimeline, and HLS master
 * and media playlists naming the same files.
 */
public final class FfmpegCommands {
    private FfmpegCommands() {
    }

    /**
     * A live test source in real time ({@code -re}): a moving pattern with a running timestamp and
     * a tone, into {@code ladder}, pushed by HTTP PUT to {@code manifestUrl} (its directory gets
     * the segments), with a sliding window.
     */
    public static List<String> live(Path ffmpeg, Ladder ladder, PackagerSettings s, URI manifestUrl) {
        List<String> cmd = head(ffmpeg, s, true);
        cmd.addAll(testSource(ladder, s, Duration.ZERO));
        cmd.addAll(dash(s));
        cmd.addAll(List.of("-window_size", String.valueOf(s.windowSegments()), "-extra_window_size", String.valueOf(s.extraSegments()),
                "-streaming", "0", "-method", "PUT", "-http_persistent", "1", manifestUrl.toString()));
        return cmd;
    }

    /**
     * {@code duration} of the test source encoded once into the ladder, as fast as possible, into
     * one MP4 file holding every rendition and the audio ({@code out}), with one key frame per
     * segment: the input of {@link #replay}. Progress goes to standard output
     * ({@code -progress pipe:1}).
     */
    public static List<String> mezzanine(Path ffmpeg, Ladder ladder, PackagerSettings s, Duration duration, Path out) {
        List<String> cmd = head(ffmpeg, s, false);
        cmd.addAll(List.of("-progress", "pipe:1", "-nostats"));
        cmd.addAll(testSource(ladder, s, duration));
        cmd.addAll(List.of("-f", "mp4", out.toString()));
        return cmd;
    }

    /**
     * A pre-encoded {@link #mezzanine} played out in real time ({@code -re}) and packaged live
     * without re-encoding ({@code -c copy}): the same live DASH + HLS as {@link #live}, pushed by
     * HTTP PUT, for almost no CPU, and the same bytes every time it is replayed.
     */
    public static List<String> replay(Path ffmpeg, Path mezzanine, PackagerSettings s, URI manifestUrl) {
        List<String> cmd = head(ffmpeg, s, true);
        cmd.addAll(List.of("-i", mezzanine.toString(), "-map", "0", "-c", "copy"));
        cmd.addAll(dash(s));
        cmd.addAll(List.of("-window_size", String.valueOf(s.windowSegments()), "-extra_window_size", String.valueOf(s.extraSegments()),
                "-streaming", "0", "-method", "PUT", "-http_persistent", "1", manifestUrl.toString()));
        return cmd;
    }

    /** {@code duration} of the test source, as fast as possible, into a static presentation at {@code out/manifest.mpd}. */
    public static List<String> vodTestSource(Path ffmpeg, Ladder ladder, PackagerSettings s, Duration duration, Path out) {
        List<String> cmd = head(ffmpeg, s, false);
        cmd.addAll(testSource(ladder, s, duration));
        cmd.addAll(dash(s));
        cmd.add(out.resolve("manifest.mpd").toString());
        return cmd;
    }

    /** An input file (first video and audio streams) into a static presentation at {@code out/manifest.mpd}. */
    public static List<String> vodFile(Path ffmpeg, Ladder ladder, PackagerSettings s, Path input, Path out) {
        List<String> cmd = head(ffmpeg, s, false);
        cmd.addAll(List.of("-i", input.toString()));
        List<String> enc = new ArrayList<>();
        int n = ladder.video().size();
        StringBuilder graph = new StringBuilder("[0:v:0]split=" + n);
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            Ladder.VideoRung r = ladder.video().get(i);
            graph.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height()).append("[v").append(i).append(']');
        }
        enc.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < n; i++) {
            enc.addAll(List.of("-map", "[v" + i + "]"));
        }
        enc.addAll(List.of("-map", "0:a:0?"));
        cmd.addAll(enc);
        cmd.addAll(codecs(ladder, s));
        cmd.addAll(dash(s));
        cmd.add(out.resolve("manifest.mpd").toString());
        return cmd;
    }

    private static List<String> head(Path ffmpeg, PackagerSettings s, boolean realTime) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", s.logLevel(), "-y"));
        if (realTime) {
            cmd.add("-re");
        }
        return cmd;
    }

    private static List<String> testSource(Ladder ladder, PackagerSettings s, Duration duration) {
        Ladder.VideoRung top = ladder.top();
        List<String> cmd = new ArrayList<>();
        String limit = duration.isZero() ? "" : ":duration=" + seconds(duration);
        // testsrc draws a running timestamp: the visible clock of the stream.
        cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=" + top.width() + "x" + top.height() + ":rate=" + ladder.framesPerSecond() + limit));
        cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + s.toneHz() + ":sample_rate=48000" + limit));
        int n = ladder.video().size();
        StringBuilder graph = new StringBuilder("[0:v]");
        if (s.noiseStrength() > 0) {
            graph.append("noise=alls=").append(s.noiseStrength()).append(":allf=t,");
        }
        graph.append("split=").append(n);
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            Ladder.VideoRung r = ladder.video().get(i);
            graph.append(";[s").append(i).append(']');
            graph.append(r.equals(top) ? "null" : "scale=" + r.width() + ":" + r.height());
            graph.append("[v").append(i).append(']');
        }
        cmd.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < n; i++) {
            cmd.addAll(List.of("-map", "[v" + i + "]"));
        }
        cmd.addAll(List.of("-map", "1:a"));
        cmd.addAll(codecs(ladder, s));
        return cmd;
    }

    private static List<String> codecs(Ladder ladder, PackagerSettings s) {
        long gop = Math.max(1, Math.round(ladder.framesPerSecond() * s.segmentDuration().toMillis() / 1000.0));
        List<String> cmd = new ArrayList<>(List.of("-c:v", "libopenh264", "-rc_mode", "bitrate"));
        for (int i = 0; i < ladder.video().size(); i++) {
            cmd.addAll(List.of("-b:v:" + i, ladder.video().get(i).bitrate().bitsPerSecond() / 1000 + "k"));
        }
        // One key frame per segment, at its start: segments must be independently decodable
        // and aligned across renditions for switching (ISO/IEC 23009-1 §7.3.3).
        cmd.addAll(List.of("-g", String.valueOf(gop), "-keyint_min", String.valueOf(gop), "-r", String.valueOf(ladder.framesPerSecond())));
        cmd.addAll(List.of("-c:a", "aac", "-b:a", ladder.audioBitrate().bitsPerSecond() / 1000 + "k", "-ac", "2", "-ar", "48000"));
        return cmd;
    }

    private static List<String> dash(PackagerSettings s) {
        return List.of("-f", "dash", "-seg_duration", seconds(s.segmentDuration()), "-use_template", "1", "-use_timeline", "1",
                "-hls_playlist", "1", "-adaptation_sets", "id=0,streams=v id=1,streams=a");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
