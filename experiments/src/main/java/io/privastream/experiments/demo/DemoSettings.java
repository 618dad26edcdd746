package io.privastream.experiments.demo;

import io.privastream.core.rate.Bandwidth;
import io.privastream.media.Ladder;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code privastream demo} runs.
 *
 * @param viewers          viewers joining (default 4)
 * @param duration         how long the demo lasts from the first viewer's join (default 60 s)
 * @param stagger          time between two viewers joining (default: a quarter of the duration
 *                         spread over the viewers, at most 5 s)
 * @param ladder           renditions of the live stream (default {@link Ladder#standard()})
 * @param segmentDuration  live segment duration (default 2 s)
 * @param downloadCap      each agent's download cap (default unlimited)
 * @param uploadCap        each agent's upload cap (default unlimited)
 * @param strategy         the agents' download strategy (default {@code multi-source})
 * @param ffmpeg           which ffmpeg: {@code auto}, {@code bundled}, {@code system} or a path
 * @param progressInterval how often a progress line is printed (default 5 s)
 */
public record DemoSettings(int viewers, Duration duration, Optional<Duration> stagger, Ladder ladder, Duration segmentDuration,
        Bandwidth downloadCap, Bandwidth uploadCap, String strategy, String ffmpeg, Duration progressInterval) {

    /** @throws IllegalArgumentException quoting the bad setting */
    public DemoSettings {
        if (viewers < 1 || viewers > 200) {
            throw new IllegalArgumentException("viewers must be 1-200, got " + viewers);
        }
        if (duration.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("the demo needs at least 10 s, got " + duration);
        }
        stagger.ifPresent(s -> {
            if (s.isNegative()) {
                throw new IllegalArgumentException("stagger must be >= 0, got " + s);
            }
        });
    }

    /** The defaults listed on the record. */
    public static DemoSettings defaults() {
        return new DemoSettings(4, Duration.ofSeconds(60), Optional.empty(), Ladder.standard(), Duration.ofSeconds(2), Bandwidth.UNLIMITED,
                Bandwidth.UNLIMITED, "multi-source", "auto", Duration.ofSeconds(5));
    }

    /** The time between joins actually used. */
    public Duration effectiveStagger() {
        return stagger.orElseGet(() -> {
            Duration spread = duration.dividedBy(4).dividedBy(Math.max(1, viewers - 1));
            return spread.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : spread;
        });
    }
}
