package io.privastream.media;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg as a live encoder: the test source (moving pattern with a running timestamp, a
 * tone) into a ladder, pushed as DASH + HLS by HTTP PUT to an ingest URL, with a sliding window.
 *
 * <p>If ffmpeg dies while the packager is open it is restarted, after 1 s doubling up to 30 s;
 * the ingest side keeps the content id, so players only see a gap. Thread-safe.
 */
public final class LivePackager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivePackager.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Ffmpeg ffmpeg;
    private final Ladder ladder;
    private final PackagerSettings settings;
    private final URI manifestUrl;
    private final java.util.Optional<java.nio.file.Path> mezzanine;
    private final Thread supervisor;
    private volatile Process process;
    private volatile boolean closed;
    private volatile int starts;
    private volatile boolean ended;

    /**
     * Starts encoding at once.
     *
     * @param manifestUrl where ffmpeg PUTs the MPD, e.g. {@code http://127.0.0.1:8080/ingest/demo/manifest.mpd};
     *                    segments and playlists go beside it
     */
    public LivePackager(Ffmpeg ffmpeg, Ladder ladder, PackagerSettings settings, URI manifestUrl) {
        this(ffmpeg, ladder, settings, manifestUrl, java.util.Optional.empty());
    }

    private LivePackager(Ffmpeg ffmpeg, Ladder ladder, PackagerSettings settings, URI manifestUrl, java.util.Optional<java.nio.file.Path> mezzanine) {
        this.ffmpeg = ffmpeg;
        this.ladder = ladder;
        this.settings = settings;
        this.manifestUrl = manifestUrl;
        this.mezzanine = mezzanine;
        this.supervisor = Thread.ofVirtual().name("live-packager").start(this::supervise);
    }

    /**
     * Starts replaying a {@link Mezzanine} live (stream copy in real time) to {@code manifestUrl}.
     * When the file ends the stream ends: ffmpeg is not restarted after a clean exit, since a
     * second pass would publish the same segment numbers again with new bytes.
     */
    public static LivePackager replaying(Ffmpeg ffmpeg, java.nio.file.Path mezzanine, Ladder ladder, PackagerSettings settings, URI manifestUrl) {
        return new LivePackager(ffmpeg, ladder, settings, manifestUrl, java.util.Optional.of(mezzanine));
    }

    /** The command line ffmpeg runs with. */
    public List<String> command() {
        return mezzanine.map(m -> FfmpegCommands.replay(ffmpeg.ffmpeg(), m, settings, manifestUrl))
                .orElseGet(() -> FfmpegCommands.live(ffmpeg.ffmpeg(), ladder, settings, manifestUrl));
    }

    /** True once a replay played its whole file. */
    public boolean ended() {
        return ended;
    }

    /** True while ffmpeg is running. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** How many times ffmpeg was started (1 + restarts). */
    public int starts() {
        return starts;
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            long began = System.nanoTime();
            try {
                Process p = new ProcessBuilder(command()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                process = p;
                starts++;
                LOG.info("live encoder started ({} x {}, {} s segments) pushing to {}", ladder, ladder.framesPerSecond(),
                        settings.segmentDuration().toMillis() / 1000.0, manifestUrl);
                StderrPump err = new StderrPump(p.getErrorStream(), LOG, "ffmpeg-live");
                int exit = p.waitFor();
                err.join();
                if (closed) {
                    return;
                }
                if (exit == 0 && mezzanine.isPresent()) {
                    LOG.info("replay of {} ended", mezzanine.get().getFileName());
                    ended = true;
                    return;
                }
                LOG.warn("live encoder exited with {}; last output: {}", exit, String.join(" | ", err.tail()));
            } catch (IOException e) {
                LOG.error("cannot start the live encoder {}: {}", ffmpeg.ffmpeg(), e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - began > MAX_BACKOFF.toNanos()) {
                backoff = Duration.ofSeconds(1);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Stops ffmpeg: SIGTERM first (ffmpeg then ends its output cleanly), killed after 3 s. */
    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        supervisor.interrupt();
    }
}
