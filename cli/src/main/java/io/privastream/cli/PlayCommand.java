package io.privastream.cli;

import io.privastream.core.abr.AbrStrategy;
import io.privastream.core.playback.QoeReport;
import io.privastream.player.HeadlessPlayer;
import io.privastream.player.PlayerConfig;
import io.privastream.player.PlayerReport;
import io.privastream.protocol.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code privastream play URL}: the headless QoE player. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Plays a DASH MPD or HLS playlist like a real player (ABR, real-time buffer) and reports QoE.",
            "Usually pointed at an agent: privastream play http://127.0.0.1:8800/<content-id>/manifest.mpd"})
final class PlayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "Manifest URL (.mpd or .m3u8).")
    URI url;

    @Option(names = "--duration", description = "Stop after this long (default: to the end; live plays until Ctrl-C).")
    Duration duration;

    @Option(names = "--abr", description = "ABR strategy: throughput, bola, dynamic, fixed:N (default: ${DEFAULT-VALUE}).")
    String abr = "dynamic";

    @Option(names = "--live-delay", paramLabel = "SEGMENTS", description = "Live: segments behind the live edge to start at (default: ${DEFAULT-VALUE}).")
    int liveDelay = 3;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        AbrStrategy.byName(abr);
        PlayerConfig config = PlayerConfig.defaults().withAbr(abr).withLiveDelaySegments(liveDelay);
        if (duration != null) {
            config = config.withSessionLimit(duration);
        }
        HeadlessPlayer player = new HeadlessPlayer(config);
        Thread hook = new Thread(player::stop, "play-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PlayerReport report = player.play(url, progress -> {
            if (!quiet) {
                System.err.println(progress);
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook already ran and stopped the player; print what we have.
        }
        if (json) {
            System.out.println(Json.writePretty(PlayJson.of(report)));
        } else {
            print(report);
        }
        return report.end() == PlayerReport.End.FAILED ? 1 : 0;
    }

    private static void print(PlayerReport r) {
        QoeReport q = r.qoe();
        System.out.printf(Locale.ROOT, "%s (%s, %s): %s%s%n", r.manifest(), r.kind().map(Object::toString).orElse("?"),
                r.live() ? "live" : "VoD", r.end(), r.failure().map(f -> " - " + f).orElse(""));
        System.out.printf(Locale.ROOT, "  startup delay       %s%n", q.started() ? q.startupDelayMillis() + " ms" : "never started");
        System.out.printf(Locale.ROOT, "  rebuffers           %d (%d ms, %.2f/min, ratio %.4f)%n", q.rebufferCount(), q.rebufferMillis(),
                q.rebuffersPerMinute(), q.rebufferRatio());
        System.out.printf(Locale.ROOT, "  average bitrate     %.0f kbit/s%n", q.averageBitrateKbps());
        System.out.printf(Locale.ROOT, "  quality switches    %d (%.2f/min)%n", q.qualitySwitches(), q.switchesPerMinute());
        System.out.printf(Locale.ROOT, "  bytes from peers    %d (%.1f %%)%n", q.peerBytes(), 100 * q.offload());
        System.out.printf(Locale.ROOT, "  bytes from servers  %d%n", q.serverBytes());
        if (q.liveLatencyMillis() >= 0) {
            System.out.printf(Locale.ROOT, "  live latency        %d ms (max %d ms)%n", q.liveLatencyMillis(), q.maxLiveLatencyMillis());
        }
        System.out.printf(Locale.ROOT, "  requests            %d (%d failed)%n", r.requests(), r.failedRequests());
    }
}
