package io.privastream.experiments.paper;

import io.privastream.agent.AgentStats;
import io.privastream.core.abr.ThroughputEstimator;
import io.privastream.core.rate.Bandwidth;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.ViewerHandle;
import io.privastream.media.Ffmpeg;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.Mezzanine;
import io.privastream.media.PackagerSettings;
import io.privastream.player.PlayerConfig;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code privastream experiment paper}: every configuration of a {@link Scenario}, {@code repeat}
 * times, each run a fresh origin (replaying the same pre-encoded stream, so every run streams the
 * same bytes), tracker and viewers in this JVM on loopback, with links emulated by the agents' and
 * servers' token buckets — or, with {@link Network#NETNS}, every viewer a process in its own
 * network namespace behind a {@code tc}-shaped link. Repeats are interleaved (run 1 of every
 * configuration, then run 2...) so that a slow phase of the machine hits every configuration alike.
 *
 * <p>Prints progress to {@code out}. Not thread-safe; one experiment at a time per instance.
 */
public final class PaperExperiment {
    private final Scenario scenario;
    private final double timeScale;
    private final String ffmpegChoice;
    private final Network network;
    private final PrintStream out;
    /** Where each run's fetches.csv goes ({@link #logFetches}); null: not written. */
    private Path fetchesDir;

    /**
     * @param scenario  the scenario at full length
     * @param timeScale multiplies every duration ({@link Scenario#scaled}); 1 = as written
     * @param ffmpeg    {@code auto}, {@code bundled}, {@code system} or a path
     * @param out       where progress goes
     */
    public PaperExperiment(Scenario scenario, double timeScale, String ffmpeg, PrintStream out) {
        this(scenario, timeScale, ffmpeg, Network.IN_PROCESS, out);
    }

    /**
     * @param scenario  the scenario at full length
     * @param timeScale multiplies every duration ({@link Scenario#scaled}); 1 = as written
     * @param ffmpeg    {@code auto}, {@code bundled}, {@code system} or a path
     * @param network   how the viewers' links are emulated
     * @param out       where progress goes
     */
    public PaperExperiment(Scenario scenario, double timeScale, String ffmpeg, Network network, PrintStream out) {
        this.scenario = scenario.scaled(timeScale);
        this.timeScale = timeScale;
        this.ffmpegChoice = ffmpeg;
        this.network = network;
        this.out = out;
    }

    /** How the viewers' links are emulated. */
    public enum Network {
        /**
         * Every viewer in this JVM on loopback, its link rates enforced by its agent's token
         * buckets (the default: reproducible, no root needed).
         */
        IN_PROCESS,
        /**
         * Every viewer (agent and player) a process of its own in its own network namespace,
         * joined to a bridge by a veth pair shaped by {@code tc tbf} ({@link NetnsNetwork}): real
         * TCP over real queues. Linux and root only. The servers' upload caps stay token buckets.
         */
        NETNS;

        /** Parses {@code in-process} or {@code netns}. */
        public static Network parse(String text) {
            return switch (text) {
                case "in-process" -> IN_PROCESS;
                case "netns" -> NETNS;
                default -> throw new IllegalArgumentException("network must be in-process or netns, got '" + text + "'");
            };
        }
    }

    /**
     * Also writes, per run, {@code fetches-<configuration>-run<r>.csv} into {@code dir}: every
     * real download of every agent, in the simulator's {@code fetches.csv} format ({@link FetchCsv}).
     * In-process runs only (with {@link Network#NETNS} the agents are other processes).
     *
     * @return this experiment
     */
    public PaperExperiment logFetches(Path dir) {
        this.fetchesDir = dir;
        return this;
    }

    /** The scenario as run (scaled). */
    public Scenario scenario() {
        return scenario;
    }

    /** Runs everything and returns the raw results, in run order. */
    public List<RunResult> run() throws InterruptedException {
        if (network == Network.NETNS) {
            NetnsNetwork.unusableReason().ifPresent(why -> {
                throw new IllegalStateException(why);
            });
        }
        Ffmpeg ffmpeg = FfmpegLocator.locate(ffmpegChoice);
        PackagerSettings packager = PackagerSettings.defaults().withSegmentDuration(scenario.segment())
                .withWindowSegments(scenario.windowSegments());
        long smallest = scenario.parsedLadder().video().getFirst().bitrate().bitsPerSecond() / 8 * scenario.segment().toMillis() / 1000;
        if (smallest < ThroughputEstimator.Settings.DEFAULTS.minSampleBytes()) {
            out.printf(Locale.ROOT, "warning: the lowest rendition's segments are ~%d bytes, below the players' %d-byte minimum "
                    + "throughput sample; their ABR may never leave the lowest rendition (use a larger --time-scale)%n", smallest,
                    ThroughputEstimator.Settings.DEFAULTS.minSampleBytes());
        }
        Path mezzanine = prepare(ffmpeg, packager);
        List<RunResult> results = new ArrayList<>();
        int total = scenario.repeat() * scenario.configurations().size();
        long began = System.nanoTime();
        for (int r = 1; r <= scenario.repeat(); r++) {
            for (Scenario.Configuration c : scenario.configurations()) {
                String tag = String.format(Locale.ROOT, "[%d/%d %s, run %d]", results.size() + 1, total, c.name(), r);
                out.printf(Locale.ROOT, "%s starting (%.0f s of session, %d viewers)%n", tag, scenario.sessionSeconds(), scenario.viewers());
                RunResult result = runOnce(c, r, packager, mezzanine, tag);
                results.add(result);
                RunMetrics m = RunMetrics.of(result, scenario);
                double elapsed = (System.nanoTime() - began) / 1e9;
                out.printf(Locale.ROOT, "%s done: bitrate after %.0f s %.0f kbit/s (bound %.0f), offload %.1f %%, rebuffers/min %.2f, "
                                + "startup %.0f ms; %.0f s elapsed, about %.0f s to go%n",
                        tag, scenario.steadyFromSeconds(), m.meanBitrateKbps(), m.fluidBoundKbps(), 100 * m.offload(),
                        m.rebuffersPerMinute(), m.meanStartupDelayMs(), elapsed, elapsed / results.size() * (total - results.size()));
            }
        }
        return results;
    }

    private Path prepare(Ffmpeg ffmpeg, PackagerSettings packager) {
        // Lead-in (the players start liveDelay segments behind the first ones) plus the session,
        // plus slack so the stream never ends before the last viewer does.
        double seconds = scenario.sessionSeconds() * 1.05 + (scenario.liveDelaySegments() + 8) * scenario.segmentSeconds();
        Duration duration = Duration.ofSeconds((long) Math.ceil(seconds));
        out.printf(Locale.ROOT, "preparing %d s of the test stream (%s, %.2f s segments; encoded once, then cached)...%n",
                duration.toSeconds(), scenario.parsedLadder(), scenario.segmentSeconds());
        double[] next = {0.1};
        return Mezzanine.prepare(ffmpeg, scenario.parsedLadder(), packager, duration, f -> {
            if (f >= next[0]) {
                out.printf(Locale.ROOT, "  encoding %3.0f %%%n", 100 * f);
                next[0] += 0.1;
            }
        });
    }

    private RunResult runOnce(Scenario.Configuration c, int repeat, PackagerSettings packager, Path mezzanine, String tag)
            throws InterruptedException {
        ScaledTimings timings = new ScaledTimings(timeScale);
        LocalCluster.Settings settings = LocalCluster.Settings.defaults().withLadder(scenario.parsedLadder()).withPackager(packager)
                .withOrigin(c.servers(), Bandwidth.parse(scenario.serverUpload())).withOriginMaxTransfers(c.serverMaxTransfers())
                .withOriginReservedTransfers(c.serverReservedTransfers())
                .withTracker(c.peers()).withFfmpeg(ffmpegChoice)
                .withReplay(mezzanine).withTrackerPolicy(c.trackerPolicy(timings.trackerPolicy())).withPrivacy(c.privacyLevel())
                .withCoverContents(c.coverContents());
        int intervals = (int) Math.ceil(scenario.sessionSeconds() / scenario.intervalSeconds() - 1e-9);
        if (network == Network.NETNS) {
            return runInNamespaces(settings, c, repeat, intervals, tag);
        }
        try (LocalCluster cluster = new LocalCluster(settings);
             FetchCsv fetches = fetchesDir == null ? null : new FetchCsv(fetchesDir.resolve("fetches-" + c.name() + "-run" + repeat + ".csv"))) {
            cluster.start(Duration.ofSeconds(60));
            cluster.awaitSegments(scenario.liveDelaySegments() + 1, Duration.ofSeconds(60));
            return watch(cluster, c, repeat, intervals, tag, fetches, (i, at) -> {
                ViewerSetup setup = new ViewerSetup(scenario, c, repeat, i, timings);
                return cluster.addViewer(setup.name(), setup.agent(cluster.privacy(c.privacyLevel()), true), setup.player(at),
                        agent -> {
                            if (fetches != null) {
                                agent.fetchLog(r -> fetches.add(i, r));
                            }
                        });
            });
        }
    }

    /**
     * One run with every viewer in its own network namespace ({@link Network#NETNS}): the
     * servers listen on the bridge; the viewers' processes start before the session (a JVM's
     * start is not a viewer's startup delay) and are told to play at their join times.
     */
    private RunResult runInNamespaces(LocalCluster.Settings settings, Scenario.Configuration c, int repeat, int intervals, String tag)
            throws InterruptedException {
        Path logs = io.privastream.experiments.TempDirs.create("privastream-netns-logs-");
        List<NetnsViewer> started = new ArrayList<>();
        try (NetnsNetwork net = new NetnsNetwork("p" + ProcessHandle.current().pid() % 100_000).start();
             LocalCluster cluster = new LocalCluster(settings.withHost(NetnsNetwork.HOST_ADDRESS))) {
            cluster.start(Duration.ofSeconds(60));
            out.printf(Locale.ROOT, "%s starting %d viewer processes in network namespaces (logs in %s)%n", tag, scenario.viewers(), logs);
            // The viewers end before the cluster and the namespaces they use go.
            try {
                for (int i = 0; i < scenario.viewers(); i++) {
                    started.add(startViewer(net, cluster, c, repeat, i, logs));
                }
                for (NetnsViewer v : started) {
                    v.awaitReady(Duration.ofSeconds(120));
                }
                cluster.awaitSegments(scenario.liveDelaySegments() + 1, Duration.ofSeconds(60));
                return watch(cluster, c, repeat, intervals, tag, null, (i, at) -> {
                    NetnsViewer v = started.get(i);
                    v.play(at);
                    return v;
                });
            } finally {
                started.forEach(NetnsViewer::close);
            }
        }
    }

    /** Viewer {@code index}'s namespace and process, its agent told where the cluster's servers are. */
    private NetnsViewer startViewer(NetnsNetwork net, LocalCluster cluster, Scenario.Configuration c, int repeat, int index, Path logs) {
        NetnsNetwork.Slot slot = net.add(index + 1, Bandwidth.parse(scenario.peerDownload()), Bandwidth.parse(scenario.peerUpload()));
        String tracker = cluster.tracker().map(t -> t.baseUrl().toString()).orElse(null);
        String pin = cluster.trackerPin().map(Object::toString).orElse(null);
        String relay = cluster.relay().map(r -> r.address()).orElse(null);
        NetnsViewerMain.Spec spec = new NetnsViewerMain.Spec(scenario, c.name(), timeScale, repeat, index, slot.address(),
                cluster.origin().baseUrls().getFirst().toString(), cluster.content().toString(), tracker, pin, relay);
        String name = "v" + (index + 1);
        return new NetnsViewer(name, slot.namespace(), spec, logs.resolve(name + ".log"));
    }

    /** Makes viewer {@code index} join at {@code atSeconds} of session time. */
    @FunctionalInterface
    private interface Joiner {
        ViewerHandle join(int index, double atSeconds);
    }

    /** @param fetches where the agents' downloads are logged, or null */
    private RunResult watch(LocalCluster cluster, Scenario.Configuration c, int repeat, int intervals, String tag, FetchCsv fetches,
            Joiner joiner) throws InterruptedException {
        int n = scenario.viewers();
        long[][] peer = new long[n][intervals];
        long[][] server = new long[n][intervals];
        long[] lastPeer = new long[n];
        long[] lastServer = new long[n];
        long[] origin = new long[intervals];
        long lastOrigin = 0;
        double[] joined = new double[n];
        List<ViewerHandle> viewers = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        if (fetches != null) {
            fetches.sessionStart(t0);
        }
        long intervalNanos = scenario.interval().toNanos();
        int progressEvery = Math.max(1, intervals / 10);
        for (int bin = 0; bin < intervals; bin++) {
            long binEnd = t0 + Math.min((bin + 1) * intervalNanos, scenario.session().toNanos());
            while (System.nanoTime() < binEnd) {
                while (viewers.size() < n && System.nanoTime() >= t0 + Scenario.seconds(scenario.joinSeconds().get(viewers.size())).toNanos()) {
                    int i = viewers.size();
                    joined[i] = (System.nanoTime() - t0) / 1e9;
                    viewers.add(joiner.join(i, joined[i]));
                }
                Thread.sleep(Math.max(1, Math.min(20, (binEnd - System.nanoTime()) / 1_000_000)));
            }
            for (int i = 0; i < viewers.size(); i++) {
                AgentStats s = viewers.get(i).agentStats();
                peer[i][bin] = s.bytesFromPeers() - lastPeer[i];
                server[i][bin] = s.bytesFromServers() - lastServer[i];
                lastPeer[i] = s.bytesFromPeers();
                lastServer[i] = s.bytesFromServers();
            }
            long o = cluster.origin().counters().bytesServed();
            origin[bin] = o - lastOrigin;
            lastOrigin = o;
            if ((bin + 1) % progressEvery == 0) {
                progress(tag, (System.nanoTime() - t0) / 1e9, viewers, peer, server, bin);
            }
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        viewers.forEach(ViewerHandle::stop);
        if (fetches != null) {
            out.printf(Locale.ROOT, "%s %d downloads logged%n", tag, fetches.rows());
        }
        TrackerView view = TrackerView.of(cluster, viewers);
        if (view.decoyBytes() > 0) {
            long fromServers = viewers.stream().mapToLong(v -> v.agentStats().decoyServerBytes()).sum();
            long dropped = viewers.stream().mapToLong(v -> v.agentStats().decoysDropped()).sum();
            long made = viewers.stream().mapToLong(v -> v.agentStats().decoyLookups()).sum();
            out.printf(Locale.ROOT, "%s decoys: %d made, %d dropped; %.1f MB, %.1f MB of them from servers%n", tag, made, dropped,
                    view.decoyBytes() / 1e6, fromServers / 1e6);
        }
        List<ViewerRun> runs = new ArrayList<>();
        for (int i = 0; i < viewers.size(); i++) {
            ViewerHandle v = viewers.get(i);
            PlayerReport report = v.report(Duration.ofSeconds(30));
            runs.add(new ViewerRun(v.name(), i, joined[i], report, peer[i], server[i]));
        }
        return new RunResult(c, repeat, runs, origin, scenario.intervalSeconds(), cpuSeconds, view.realLookupShare(), view.decoyBytes());
    }

    private void progress(String tag, double at, List<ViewerHandle> viewers, long[][] peer, long[][] server, int bin) {
        int playing = 0;
        long bitrate = 0;
        int stalls = 0;
        long p = 0;
        long all = 0;
        for (int i = 0; i < viewers.size(); i++) {
            PlayerProgress pr = viewers.get(i).progress().orElse(null);
            if (pr != null) {
                stalls += pr.rebuffers();
                if (pr.playingBitrateBitsPerSecond() > 0) {
                    playing++;
                    bitrate += pr.playingBitrateBitsPerSecond();
                }
            }
            p += peer[i][bin];
            all += peer[i][bin] + server[i][bin];
        }
        out.printf(Locale.ROOT, "%s %5.0f/%.0f s  %d/%d viewers playing  mean bitrate %.0f kbit/s  offload now %.0f %%  stalls %d%n", tag, at,
                scenario.sessionSeconds(), playing, viewers.size(), playing == 0 ? 0.0 : bitrate / 1000.0 / playing,
                all == 0 ? 0.0 : 100.0 * p / all, stalls);
    }
}
