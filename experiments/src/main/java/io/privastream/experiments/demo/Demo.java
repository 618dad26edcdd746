package io.privastream.experiments.demo;

import io.privastream.core.playback.QoeReport;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.Viewer;
import io.privastream.media.PackagerSettings;
import io.privastream.player.PlayerConfig;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code privastream demo}: an origin with a live stream, a tracker, and viewers joining one after
 * the other, each an agent and a headless player; progress while it runs, a QoE table at the end.
 */
public final class Demo {
    private final DemoSettings settings;
    private final PrintStream out;

    public Demo(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the demo to its end and returns what it measured. */
    public DemoReport run() throws InterruptedException {
        PackagerSettings packager = PackagerSettings.defaults().withSegmentDuration(settings.segmentDuration());
        LocalCluster.Settings cluster = LocalCluster.Settings.defaults().withLadder(settings.ladder()).withPackager(packager)
                .withFfmpeg(settings.ffmpeg());
        out.printf(Locale.ROOT, "starting an origin encoding a live test stream (%s, %s s segments) and a tracker...%n",
                settings.ladder(), settings.segmentDuration().toMillis() / 1000.0);
        try (LocalCluster c = new LocalCluster(cluster)) {
            c.start(Duration.ofSeconds(60));
            // Players start 3 segments behind the live edge: wait until those exist.
            c.awaitSegments(4, Duration.ofSeconds(60));
            out.printf(Locale.ROOT, "live content %s is on air at %scontent/%s/manifest.mpd%n", c.content(),
                    c.origin().baseUrls().getFirst(), c.content());
            return watch(c);
        }
    }

    private DemoReport watch(LocalCluster c) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        long stagger = settings.effectiveStagger().toNanos();
        long nextProgress = start + settings.progressInterval().toNanos();
        List<Viewer> viewers = new ArrayList<>();
        PlayerConfig player = PlayerConfig.defaults();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            while (viewers.size() < settings.viewers() && now >= start + viewers.size() * stagger) {
                String name = "v" + (viewers.size() + 1);
                Viewer v = c.addViewer(name, a -> a.downloadCap(settings.downloadCap()).uploadCap(settings.uploadCap())
                        .downloadStrategy(settings.strategy()), player);
                viewers.add(v);
                out.printf(Locale.ROOT, "%6.1fs  %s joins: %s  (open it in VLC or dash.js while the demo runs)%n",
                        (now - start) / 1e9, name, v.playerUrl());
            }
            if (now >= nextProgress) {
                progress(viewers, now - start);
                nextProgress += settings.progressInterval().toNanos();
            }
            Thread.sleep(100);
        }
        viewers.forEach(Viewer::stop);
        List<DemoReport.ViewerResult> results = new ArrayList<>();
        for (Viewer v : viewers) {
            results.add(result(v, v.report(Duration.ofSeconds(30)), start));
        }
        DemoReport report = summarize(results, c, System.nanoTime() - start);
        print(report);
        return report;
    }

    private void progress(List<Viewer> viewers, long elapsedNanos) {
        int playing = 0;
        int stalls = 0;
        double bitrate = 0;
        double buffer = 0;
        long peers = 0;
        long all = 0;
        for (Viewer v : viewers) {
            var s = v.agentStats();
            peers += s.bytesFromPeers();
            all += s.bytesFromPeers() + s.bytesFromServers();
            PlayerProgress p = v.progress().orElse(null);
            if (p == null) {
                continue;
            }
            stalls += p.rebuffers();
            if (p.playingBitrateBitsPerSecond() > 0) {
                playing++;
                bitrate += p.playingBitrateBitsPerSecond();
                buffer += p.buffer().toMillis() / 1000.0;
            }
        }
        out.printf(Locale.ROOT, "%6.1fs  %d/%d viewers playing  stalls %d  mean bitrate %.0f kbit/s  mean buffer %.1f s  from peers so far %.0f %%%n",
                elapsedNanos / 1e9, playing, viewers.size(), stalls, playing == 0 ? 0.0 : bitrate / playing / 1000,
                playing == 0 ? 0.0 : buffer / playing, all == 0 ? 0.0 : 100.0 * peers / all);
    }

    private static DemoReport.ViewerResult result(Viewer v, PlayerReport r, long start) {
        QoeReport q = r.qoe();
        return new DemoReport.ViewerResult(v.name(), Math.max(0, (v.joinedAtNanos() - start) / 1_000_000),
                q.started() ? q.startupDelayMillis() : -1, q.rebufferCount(), q.rebufferMillis(), q.averageBitrateKbps(),
                q.qualitySwitches(), q.peerBytes(), q.serverBytes(), r.end().name(), r.failure().orElse(""));
    }

    private DemoReport summarize(List<DemoReport.ViewerResult> results, LocalCluster c, long elapsedNanos) {
        long peers = results.stream().mapToLong(DemoReport.ViewerResult::bytesFromPeers).sum();
        long servers = results.stream().mapToLong(DemoReport.ViewerResult::bytesFromServers).sum();
        long[] startups = results.stream().mapToLong(DemoReport.ViewerResult::startupDelayMs).filter(x -> x >= 0).sorted().toArray();
        long median = startups.length == 0 ? -1 : startups.length % 2 == 1 ? startups[startups.length / 2]
                : (startups[startups.length / 2 - 1] + startups[startups.length / 2]) / 2;
        int rebuffers = results.stream().mapToInt(DemoReport.ViewerResult::rebufferCount).sum();
        return new DemoReport(results, peers + servers == 0 ? 0 : (double) peers / (peers + servers), median, rebuffers,
                c.origin().counters().bytesServed(), elapsedNanos / 1_000_000, c.content().value(), settings.ladder().toString(),
                settings.strategy());
    }

    private void print(DemoReport r) {
        out.println();
        out.printf(Locale.ROOT, "%-6s %8s %10s %9s %11s %12s %9s %13s %13s %7s%n", "viewer", "joined", "startup", "rebuffers",
                "rebuffer ms", "avg kbit/s", "switches", "from peers", "from servers", "peers");
        for (DemoReport.ViewerResult v : r.viewers()) {
            out.printf(Locale.ROOT, "%-6s %7.1fs %8s ms %9d %11d %12.0f %9d %13d %13d %6.1f%%%s%n", v.id(), v.joinedAtMs() / 1000.0,
                    v.startupDelayMs() < 0 ? "never" : String.valueOf(v.startupDelayMs()), v.rebufferCount(), v.rebufferMs(),
                    v.avgBitrateKbps(), v.switches(), v.bytesFromPeers(), v.bytesFromServers(), 100 * v.peerShare(),
                    v.failure().isEmpty() ? "" : "  (" + v.failure() + ")");
        }
        out.printf(Locale.ROOT, "%noffload %.1f %% (media bytes from peers / all media bytes)   median startup %d ms   rebuffers after startup %d%n",
                100 * r.offload(), r.medianStartupMs(), r.totalRebuffers());
        out.printf(Locale.ROOT, "origin sent %.1f MB in %.0f s%n", r.originBytesServed() / 1e6, r.durationMs() / 1000.0);
    }
}
