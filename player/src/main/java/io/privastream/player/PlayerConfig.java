package io.privastream.player;

import io.privastream.core.abr.AbrStrategy;
import io.privastream.core.playback.BufferThreshold;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link HeadlessPlayer} plays. Immutable; change a copy with the {@code withX} methods.
 *
 * @param abr                ABR strategy name for {@link AbrStrategy#byName}; default {@code dynamic}
 * @param maxBuffer          VoD: stop fetching while this much media is buffered ahead (a
 *                           segment is fetched only if it fits); default 30 s
 * @param liveDelaySegments  live: start this many segments behind the live edge (the newest
 *                           available segment counts as one); default 3
 * @param startThreshold     buffered in every track before the first frame; default one segment
 * @param resumeThreshold    buffered in every track before resuming after a stall; default one segment
 * @param sessionLimit       end the session this long after the manifest request; default none
 *                           (VoD plays to the end, live until {@link HeadlessPlayer#stop()})
 * @param requestTimeout     limit on each request, headers and body; default 10 s
 * @param connectTimeout     limit on establishing a connection; default 5 s
 * @param maxRetries         further attempts after a failed request; default 3
 * @param retryDelay         pause between attempts; default 250 ms
 * @param progressInterval   how often the listener hears of progress; default 1 s
 * @param timelineInterval   length of the QoE report's timeline samples; zero for none; default 1 s
 * @param httpVersion        HTTP version to ask for; default HTTP/1.1 (the agent is on loopback)
 */
public record PlayerConfig(String abr, Duration maxBuffer, int liveDelaySegments, BufferThreshold startThreshold,
                           BufferThreshold resumeThreshold, Optional<Duration> sessionLimit, Duration requestTimeout,
                           Duration connectTimeout, int maxRetries, Duration retryDelay, Duration progressInterval,
                           Duration timelineInterval, HttpClient.Version httpVersion) {

    /** @throws IllegalArgumentException quoting the bad value (an unknown ABR name included) */
    public PlayerConfig {
        AbrStrategy.byName(abr);
        positive(maxBuffer, "max buffer");
        positive(requestTimeout, "request timeout");
        positive(connectTimeout, "connect timeout");
        positive(progressInterval, "progress interval");
        if (liveDelaySegments < 1) {
            throw new IllegalArgumentException("live delay must be >= 1 segment, got " + liveDelaySegments);
        }
        if (startThreshold == null || resumeThreshold == null || sessionLimit == null || httpVersion == null) {
            throw new IllegalArgumentException("thresholds, session limit and HTTP version are required");
        }
        sessionLimit.ifPresent(d -> positive(d, "session limit"));
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
        }
        if (retryDelay == null || retryDelay.isNegative() || timelineInterval == null || timelineInterval.isNegative()) {
            throw new IllegalArgumentException("retry delay and timeline interval must be >= 0, got " + retryDelay + ", " + timelineInterval);
        }
    }

    private static void positive(Duration d, String what) {
        if (d == null || !d.isPositive()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    /** All defaults (see the component docs). */
    public static PlayerConfig defaults() {
        return new PlayerConfig("dynamic", Duration.ofSeconds(30), 3, BufferThreshold.ONE_SEGMENT, BufferThreshold.ONE_SEGMENT,
                Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(1), HttpClient.Version.HTTP_1_1);
    }

    /** With ABR strategy {@code name}. */
    public PlayerConfig withAbr(String name) {
        return new PlayerConfig(name, maxBuffer, liveDelaySegments, startThreshold, resumeThreshold, sessionLimit, requestTimeout,
                connectTimeout, maxRetries, retryDelay, progressInterval, timelineInterval, httpVersion);
    }

    /** With a VoD buffer cap of {@code d}. */
    public PlayerConfig withMaxBuffer(Duration d) {
        return new PlayerConfig(abr, d, liveDelaySegments, startThreshold, resumeThreshold, sessionLimit, requestTimeout,
                connectTimeout, maxRetries, retryDelay, progressInterval, timelineInterval, httpVersion);
    }

    /** With a live delay of {@code segments}. */
    public PlayerConfig withLiveDelaySegments(int segments) {
        return new PlayerConfig(abr, maxBuffer, segments, startThreshold, resumeThreshold, sessionLimit, requestTimeout,
                connectTimeout, maxRetries, retryDelay, progressInterval, timelineInterval, httpVersion);
    }

    /** With start and resume thresholds. */
    public PlayerConfig withThresholds(BufferThreshold start, BufferThreshold resume) {
        return new PlayerConfig(abr, maxBuffer, liveDelaySegments, start, resume, sessionLimit, requestTimeout,
                connectTimeout, maxRetries, retryDelay, progressInterval, timelineInterval, httpVersion);
    }

    /** Ending the session {@code limit} after the manifest request. */
    public PlayerConfig withSessionLimit(Duration limit) {
        return new PlayerConfig(abr, maxBuffer, liveDelaySegments, startThreshold, resumeThreshold, Optional.of(limit), requestTimeout,
                connectTimeout, maxRetries, retryDelay, progressInterval, timelineInterval, httpVersion);
    }

    /** With request timeout {@code timeout}, {@code retries} further attempts and {@code delay} between them. */
    public PlayerConfig withRequests(Duration timeout, int retries, Duration delay) {
        return new PlayerConfig(abr, maxBuffer, liveDelaySegments, startThreshold, resumeThreshold, sessionLimit, timeout,
                connectTimeout, retries, delay, progressInterval, timelineInterval, httpVersion);
    }

    /** With progress callbacks every {@code progress} and timeline samples every {@code timeline} (zero: none). */
    public PlayerConfig withIntervals(Duration progress, Duration timeline) {
        return new PlayerConfig(abr, maxBuffer, liveDelaySegments, startThreshold, resumeThreshold, sessionLimit, requestTimeout,
                connectTimeout, maxRetries, retryDelay, progress, timeline, httpVersion);
    }
}
