package io.privastream.player;

import io.privastream.core.time.Ticker;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless DASH/HLS player measuring QoE: it plays a manifest URL (usually an agent's
 * {@code http://127.0.0.1:PORT/<id>/manifest.mpd} or {@code .../master.m3u8}) as a real player
 * would, without decoding.
 *
 * <p>It fetches the manifest (DASH or HLS, told apart by content), picks the first video track
 * and the first audio track, fetches each representation's init segment before its first media
 * segment, then media segments one at a time, alternating between video and audio so that
 * both buffers fill; before each video segment the ABR strategy picks a representation from
 * the throughput estimate and the buffer. A {@link io.privastream.core.playback.PlaybackModel}
 * drains the buffer in real time. VoD: fetching pauses while {@link PlayerConfig#maxBuffer()}
 * is buffered; periods play in order; the session ends when the last frame plays. Live: it
 * starts {@link PlayerConfig#liveDelaySegments()} behind the live edge, reloads the manifest
 * every {@code minimumUpdatePeriod} (HLS: target duration), and waits for a segment's
 * availability time rather than asking early.
 *
 * <p>Byte attribution: segment responses carrying {@code X-PrivaStream-Peer-Bytes} and
 * {@code X-PrivaStream-Server-Bytes} (the agent) are split accordingly; otherwise (a plain
 * origin) every byte counts as from servers.
 *
 * <p>Errors: every request has a timeout and is retried {@link PlayerConfig#maxRetries()} times;
 * failures are counted. A fatal error (no manifest, a bad manifest, a VoD segment that keeps
 * failing) ends the session with {@link PlayerReport.End#FAILED} and a one-line reason; it never
 * throws out of {@link #play}.
 *
 * <p>One instance plays one session. {@link #play} blocks the calling thread (a virtual thread
 * is fine); {@link #stop()} is thread-safe and makes {@code play} return promptly.
 */
public final class HeadlessPlayer {
    private static final Logger log = LoggerFactory.getLogger(HeadlessPlayer.class);

    private final PlayerConfig config;
    private final Ticker ticker;
    private final InstantSource wallClock;
    private final AtomicBoolean used = new AtomicBoolean();
    private volatile PlaySession session;
    private volatile boolean stopRequested;

    /** A player with {@code config}, on the system clocks. */
    public HeadlessPlayer(PlayerConfig config) {
        this(config, Ticker.system(), InstantSource.system());
    }

    /**
     * A player with {@code config}, measuring with {@code ticker} and reading live availability
     * times against {@code wallClock}. Both must run at real speed: the player waits on them.
     */
    public HeadlessPlayer(PlayerConfig config, Ticker ticker, InstantSource wallClock) {
        this.config = config;
        this.ticker = ticker;
        this.wallClock = wallClock;
    }

    /** {@link #play(URI, PlayerListener)} without a listener. */
    public PlayerReport play(URI manifestUrl) {
        return play(manifestUrl, PlayerListener.NONE);
    }

    /**
     * Plays {@code manifestUrl} until a VoD presentation ends, the session limit is reached,
     * {@link #stop()} is called, or a fatal error; then reports.
     *
     * @throws IllegalStateException    if this player already played
     * @throws IllegalArgumentException if {@code manifestUrl} is not an absolute http(s) URL
     */
    public PlayerReport play(URI manifestUrl, PlayerListener listener) {
        if (!manifestUrl.isAbsolute() || !manifestUrl.getScheme().matches("(?i)https?")) {
            throw new IllegalArgumentException("manifest URL must be absolute http(s), got '" + manifestUrl + "'");
        }
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a HeadlessPlayer plays one session; make another");
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(config.httpVersion())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
        try {
            PlaySession s = new PlaySession(config, manifestUrl, client, ticker, wallClock, listener);
            session = s;
            if (stopRequested) {
                s.stop();
            }
            log.info("playing {} with ABR {}", manifestUrl, config.abr());
            PlayerReport report = s.run();
            log.info("session {} ended ({}): startup {}, {} stalls / {} ms, {} kbit/s, {} switches", manifestUrl, report.end(),
                    report.qoe().started() ? report.qoe().startupDelayMillis() + " ms" : "never", report.qoe().rebufferCount(),
                    report.qoe().rebufferMillis(), Math.round(report.qoe().averageBitrateKbps()), report.qoe().qualitySwitches());
            return report;
        } finally {
            client.shutdownNow();
            client.close();
            executor.close();
        }
    }

    /** Ends the session being played (or the next one, if none has begun); safe from any thread. */
    public void stop() {
        stopRequested = true;
        PlaySession s = session;
        if (s != null) {
            s.stop();
        }
    }
}
