package io.privastream.cli;

import io.privastream.core.rate.Bandwidth;
import io.privastream.experiments.demo.Demo;
import io.privastream.experiments.demo.DemoReport;
import io.privastream.experiments.demo.DemoSettings;
import io.privastream.media.Ladder;
import io.privastream.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream demo}: the whole system on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on this machine: an origin encoding a live stream with ffmpeg, a tracker,",
            "and viewers (agent + headless player) joining one after the other; prints QoE per viewer and the offload."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--viewers", description = "Viewers (default: ${DEFAULT-VALUE}).")
    int viewers = 4;

    @Option(names = "--duration", description = "How long the demo runs from the first join (default: ${DEFAULT-VALUE}).")
    Duration duration = Duration.ofSeconds(60);

    @Option(names = "--stagger", description = "Time between joins (default: spread over the first quarter, at most 5s).")
    Duration stagger;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path report;

    @Option(names = "--ladder", description = "standard, tiny, or WxH@RATE,... (default: ${DEFAULT-VALUE}).")
    String ladder = "standard";

    @Option(names = "--segment", description = "Segment duration (default: ${DEFAULT-VALUE}).")
    Duration segment = Duration.ofSeconds(2);

    @Option(names = "--download-cap", paramLabel = "RATE", description = "Each agent's download cap (default: unlimited).")
    Bandwidth downloadCap = Bandwidth.UNLIMITED;

    @Option(names = "--upload-cap", paramLabel = "RATE", description = "Each agent's upload cap (default: unlimited).")
    Bandwidth uploadCap = Bandwidth.UNLIMITED;

    @Option(names = "--strategy", description = "Download strategy: single-source or multi-source (default: ${DEFAULT-VALUE}).")
    String strategy = "multi-source";

    @Option(names = "--ffmpeg", description = "auto, bundled, system, or a path to ffmpeg (default: ${DEFAULT-VALUE}).")
    String ffmpeg = "auto";

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        DemoSettings s = new DemoSettings(viewers, duration, Optional.ofNullable(stagger), Ladder.parse(ladder), segment, downloadCap,
                uploadCap, strategy, ffmpeg, Duration.ofSeconds(5));
        DemoReport r = new Demo(s, System.out).run();
        if (report != null) {
            Files.writeString(report, Json.writePretty(r));
            System.out.println("report written to " + report.toAbsolutePath());
        }
        boolean allPlayed = r.viewers().stream().allMatch(v -> v.startupDelayMs() >= 0);
        return allPlayed ? 0 : 1;
    }
}
