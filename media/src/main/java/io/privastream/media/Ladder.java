package io.privastream.media;

import io.privastream.core.media.Text;
import io.privastream.core.rate.Bandwidth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renditions a stream is encoded into: video rungs (lowest first) plus one audio track.
 *
 * <p>{@link #parse(String)} reads {@code 640x360@800k,960x540@1500k,1280x720@3M} (audio and
 * frame rate keep their defaults: 128 kbit/s, 25 fps); {@link #toString()} writes that form.
 *
 * @param video           video rungs, ascending bitrate, at least one
 * @param audioBitrate    AAC audio bitrate
 * @param framesPerSecond video frame rate, 1-60
 */
public record Ladder(List<VideoRung> video, Bandwidth audioBitrate, int framesPerSecond) {
    private static final Pattern RUNG = Pattern.compile("\\s*(\\d{2,5})x(\\d{2,5})@([0-9.]+[kKmM]?)\\s*");

    /** @throws IllegalArgumentException if there is no rung, rungs are not ascending, or a value is out of range */
    public Ladder {
        video = List.copyOf(video);
        if (video.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one video rung");
        }
        for (int i = 1; i < video.size(); i++) {
            if (video.get(i).bitrate().compareTo(video.get(i - 1).bitrate()) <= 0) {
                throw new IllegalArgumentException("ladder rungs must have ascending bitrates, got " + video);
            }
        }
        if (audioBitrate.isUnlimited() || framesPerSecond < 1 || framesPerSecond > 60) {
            throw new IllegalArgumentException("audio bitrate must be set and frame rate 1-60, got " + audioBitrate + ", " + framesPerSecond);
        }
    }

    /** One video rendition. */
    public record VideoRung(int width, int height, Bandwidth bitrate) {
        /** @throws IllegalArgumentException if a dimension is odd, out of 16-4096, or the bitrate unset */
        public VideoRung {
            if (width < 16 || height < 16 || width > 4096 || height > 4096 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("video size must be even and 16-4096 pixels, got " + width + "x" + height);
            }
            if (bitrate.isUnlimited()) {
                throw new IllegalArgumentException("video bitrate must be set for " + width + "x" + height);
            }
        }

        /** e.g. {@code 720p}. */
        public String name() {
            return height + "p";
        }

        @Override
        public String toString() {
            return width + "x" + height + "@" + bitrate.bitsPerSecond() / 1000 + "k";
        }
    }

    /** 360p/540p/720p at 0.8/1.5/3 Mbit/s, 128 kbit/s audio, 25 fps. */
    public static Ladder standard() {
        return new Ladder(List.of(new VideoRung(640, 360, Bandwidth.kbps(800)), new VideoRung(960, 540, Bandwidth.kbps(1500)),
                new VideoRung(1280, 720, Bandwidth.mbps(3))), Bandwidth.kbps(128), 25);
    }

    /** 90p/180p/270p at 150/300/600 kbit/s, 64 kbit/s audio, 25 fps: real video that costs tests little CPU. */
    public static Ladder tiny() {
        return new Ladder(List.of(new VideoRung(160, 90, Bandwidth.kbps(150)), new VideoRung(320, 180, Bandwidth.kbps(300)),
                new VideoRung(480, 270, Bandwidth.kbps(600))), Bandwidth.kbps(64), 25);
    }

    /**
     * Reads {@code WxH@RATE,...} ascending; {@code standard} and {@code tiny} name the presets.
     *
     * @throws IllegalArgumentException quoting the bad rung
     */
    public static Ladder parse(String text) {
        if ("standard".equals(text)) {
            return standard();
        }
        if ("tiny".equals(text)) {
            return tiny();
        }
        List<VideoRung> rungs = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            Matcher m = RUNG.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a ladder rung: '" + Text.quote(part) + "' (expected WxH@RATE such as 1280x720@3M)");
            }
            rungs.add(new VideoRung(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Bandwidth.parse(m.group(3))));
        }
        rungs.sort(Comparator.comparing(VideoRung::bitrate));
        return new Ladder(rungs, Bandwidth.kbps(128), 25);
    }

    /** The largest rung's size, used as the source picture size. */
    public VideoRung top() {
        return video.getLast();
    }

    @Override
    public String toString() {
        return String.join(",", video.stream().map(VideoRung::toString).toList());
    }
}
