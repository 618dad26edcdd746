package io.privastream.experiments.paper;

import io.privastream.core.playback.TimelineSample;
import io.privastream.simulator.SvgChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Writes an experiment's results into a directory: {@code intervals.csv} (per viewer per
 * interval), {@code runs.csv} (per run), {@code summary.csv} (per configuration),
 * {@code viewers.csv} (per viewer, averaged over runs), {@code scenario.json} (as run), SVG plots,
 * and {@code report.html} putting them together. See {@code docs/experiments.md} for every column.
 */
public final class ExperimentReport {
    private final Scenario scenario;
    private final double timeScale;
    private final PaperExperiment.Network network;
    private final List<RunResult> runs;
    private final List<ConfigurationSummary> summaries = new ArrayList<>();

    /**
     * @param scenario  the scenario as run (already scaled)
     * @param timeScale the scale it was run at, for the report
     * @param runs      every run
     */
    public ExperimentReport(Scenario scenario, double timeScale, List<RunResult> runs) {
        this(scenario, timeScale, PaperExperiment.Network.IN_PROCESS, runs);
    }

    /**
     * @param scenario  the scenario as run (already scaled)
     * @param timeScale the scale it was run at, for the report
     * @param network   how the links were emulated, for the report
     * @param runs      every run
     */
    public ExperimentReport(Scenario scenario, double timeScale, PaperExperiment.Network network, List<RunResult> runs) {
        this.scenario = scenario;
        this.timeScale = timeScale;
        this.network = network;
        this.runs = List.copyOf(runs);
        for (Scenario.Configuration c : scenario.configurations()) {
            List<RunMetrics> ms = runs.stream().filter(r -> r.configuration().equals(c)).map(r -> RunMetrics.of(r, scenario)).toList();
            if (!ms.isEmpty()) {
                summaries.add(ConfigurationSummary.of(c, ms));
            }
        }
    }

    /** One summary per configuration that ran, in scenario order. */
    public List<ConfigurationSummary> summaries() {
        return List.copyOf(summaries);
    }

    /** The summary of the configuration called {@code name}. */
    public Optional<ConfigurationSummary> summary(String name) {
        return summaries.stream().filter(s -> s.configuration().name().equals(name)).findFirst();
    }

    /** The summary table as aligned text, for the console. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-18s %9s %8s %9s %9s %9s %8s %10s %9s %6s %-9s %6s %6s %8s %-8s %9s %9s %5s%n", "configuration",
                "kbit/s*", "bound", "of bound", "rebuf/min", "switch/min", "startup", "offload*", "server MB", "cpu", "privacy", "decoys",
                "real%", "decoy MB", "incentive", "contrib*", "riders*", "runs"));
        for (ConfigurationSummary s : summaries) {
            b.append(String.format(Locale.ROOT, "%-18s %9.0f %8.0f %8.0f%% %9.2f %9.2f %6.0fms %9.1f%% %9.1f %6.2f %-9s %6.1f %6s %8.1f %-8s %9s %9s %5d%n",
                    s.configuration().name(), s.meanBitrateKbps(), s.fluidBoundKbps(), 100 * s.boundShare(), s.rebuffersPerMinute(),
                    s.switchesPerMinute(), s.meanStartupDelayMs(), 100 * s.offload(), s.serverBytes() / 1e6, s.cpuCores(),
                    s.configuration().privacy(), s.configuration().decoys(), percent(s.realLookupShare()), s.decoyBytes() / 1e6,
                    s.configuration().incentive(), kbps(s.contributorKbps()), kbps(s.freeRiderKbps()), s.runs()));
        }
        b.append(String.format(Locale.ROOT, "* from %.0f s of session time on (all viewers joined); cpu: cores used by the whole run in this JVM; "
                + "real%%: share of each viewer's tracker lookups in the swarm it watches (what the tracker could count)%n", scenario.steadyFromSeconds()));
        return b.toString();
    }

    /** A share for the table in percent, {@code -} for NaN (nothing to count in the configuration). */
    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** A bitrate for the table, {@code -} for NaN (no such viewer in the configuration). */
    private static String kbps(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** Writes every file into {@code dir} (created if missing). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir, "summary.csv", ConfigurationSummary.CSV_HEADER, summaries.stream().map(ConfigurationSummary::csv).toList());
            write(dir, "runs.csv", "repeat," + ConfigurationSummary.CSV_HEADER, runs.stream()
                    .map(r -> r.repeat() + "," + ConfigurationSummary.of(r.configuration(), List.of(RunMetrics.of(r, scenario))).csv()).toList());
            write(dir, "intervals.csv", "repeat,configuration,viewer,joinSeconds,intervalEndSeconds,playedKbps,playedSeconds,stalledSeconds,"
                    + "bufferSeconds,state,peerBytes,serverBytes", intervalRows());
            write(dir, "viewers.csv", "configuration,viewer,joinSeconds,startupMs,steadyBitrateKbps,rebuffers", viewerRows());
            Files.writeString(dir.resolve("scenario.json"), io.privastream.protocol.Json.writePretty(scenario));
            for (Map.Entry<String, String> plot : plots().entrySet()) {
                Files.writeString(dir.resolve(plot.getKey()), plot.getValue());
            }
            Files.writeString(dir.resolve("report.html"), html());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment's results into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path dir, String name, String header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header);
        lines.addAll(rows);
        Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private List<String> intervalRows() {
        List<String> rows = new ArrayList<>();
        for (RunResult r : runs) {
            int bins = r.intervals();
            double interval = r.intervalSeconds();
            for (ViewerRun v : r.viewers()) {
                double[] weighted = new double[bins];
                double[] played = new double[bins];
                double[] stalled = new double[bins];
                double[] buffer = new double[bins];
                String[] state = new String[bins];
                for (TimelineSample s : v.report().qoe().timeline()) {
                    double end = v.joinSeconds() + s.at().toNanos() / 1e9;
                    int bin = Math.min(bins - 1, Math.max(0, (int) Math.ceil(end / interval - 1e-9) - 1));
                    double p = s.played().toNanos() / 1e9;
                    weighted[bin] += s.playedBitrateBitsPerSecond() / 1000.0 * p;
                    played[bin] += p;
                    stalled[bin] += s.stalled().toNanos() / 1e9;
                    buffer[bin] = s.buffer().toNanos() / 1e9;
                    state[bin] = s.state().name();
                }
                int first = (int) Math.floor(v.joinSeconds() / interval + 1e-9);
                for (int b = first; b < bins; b++) {
                    rows.add(String.join(",", String.valueOf(r.repeat()), r.configuration().name(), v.name(),
                            ConfigurationSummary.f(v.joinSeconds(), 3), ConfigurationSummary.f((b + 1) * interval, 3),
                            ConfigurationSummary.f(played[b] > 0 ? weighted[b] / played[b] : 0, 1), ConfigurationSummary.f(played[b], 3),
                            ConfigurationSummary.f(stalled[b], 3), ConfigurationSummary.f(buffer[b], 3), state[b] == null ? "" : state[b],
                            String.valueOf(v.peerBytes()[b]), String.valueOf(v.serverBytes()[b])));
                }
            }
        }
        return rows;
    }

    private List<String> viewerRows() {
        List<String> rows = new ArrayList<>();
        for (ConfigurationSummary s : summaries) {
            for (int i = 0; i < s.startupMs().length; i++) {
                rows.add(String.join(",", s.configuration().name(), "v" + (i + 1), ConfigurationSummary.f(scenario.joinSeconds().get(i), 3),
                        ConfigurationSummary.f(s.startupMs()[i], 0), ConfigurationSummary.f(s.steadyBitrateKbps()[i], 1),
                        ConfigurationSummary.f(s.rebuffers()[i], 2)));
            }
        }
        return rows;
    }

    /** File name to SVG text. */
    private Map<String, String> plots() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        String x = "session time (s)";
        m.put("bitrate.svg", SvgChart.lines("Mean played video bitrate", x, "kbit/s", overTime(ConfigurationSummary::bitrateKbps, 1)));
        m.put("server-load.svg", SvgChart.lines("Servers' sending rate", x, "Mbit/s", overTime(ConfigurationSummary::serverMbps, 1)));
        m.put("offload.svg", SvgChart.lines("Offload (media bytes from peers / all)", x, "%", overTime(ConfigurationSummary::offloadByInterval, 100)));
        m.put("stalls.svg", SvgChart.lines("Stalled time, all viewers", x, "s per interval", overTime(ConfigurationSummary::stalledSeconds, 1)));
        List<String> viewers = IntStream.range(0, scenario.viewers())
                .mapToObj(i -> String.format(Locale.ROOT, "v%d@%.0fs", i + 1, scenario.joinSeconds().get(i))).toList();
        m.put("startup-per-viewer.svg", SvgChart.bars("Startup delay of each joining viewer", viewers, "ms", perViewer(ConfigurationSummary::startupMs)));
        m.put("bitrate-per-viewer.svg", SvgChart.bars(String.format(Locale.ROOT, "Bitrate of each viewer from %.0f s", scenario.steadyFromSeconds()),
                viewers, "kbit/s", perViewer(ConfigurationSummary::steadyBitrateKbps)));
        m.put("rebuffers-per-viewer.svg", SvgChart.bars("Rebuffers of each viewer", viewers, "stalls", perViewer(ConfigurationSummary::rebuffers)));
        return m;
    }

    private List<SvgChart.Series> overTime(Function<ConfigurationSummary, double[]> f, double factor) {
        return summaries.stream().map(s -> {
            double[] ys = f.apply(s).clone();
            double[] xs = new double[ys.length];
            for (int i = 0; i < ys.length; i++) {
                xs[i] = (i + 1) * scenario.intervalSeconds();
                ys[i] *= factor;
            }
            return new SvgChart.Series(s.configuration().name(), xs, ys);
        }).toList();
    }

    private List<SvgChart.Bar> perViewer(Function<ConfigurationSummary, double[]> f) {
        return summaries.stream().map(s -> new SvgChart.Bar(s.configuration().name(), f.apply(s))).toList();
    }

    private String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>PRIVA-STREAM experiment: ")
                .append(esc(scenario.name())).append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>Experiment ").append(esc(scenario.name())).append("</h1>\n<p>").append(esc(scenario.description())).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p>Time scale %s: session %.1f s, segments %.2f s, sampled every %.2f s; %d run(s) of each "
                        + "configuration, interleaved. Steady state from %.1f s.</p>%n", timeScale, scenario.sessionSeconds(),
                scenario.segmentSeconds(), scenario.intervalSeconds(), scenario.repeat(), scenario.steadyFromSeconds()));
        h.append("<p>Links: ").append(network == PaperExperiment.Network.NETNS
                ? "each viewer in its own network namespace, its veth link shaped by tc tbf (--network netns); servers' upload by token bucket"
                : "in process, every cap a token bucket (--network in-process)").append(".</p>\n");
        h.append("<h2>Summary</h2>\n<table><tr>");
        for (String col : ConfigurationSummary.CSV_HEADER.split(",")) {
            h.append("<th>").append(col).append("</th>");
        }
        h.append("</tr>\n");
        for (ConfigurationSummary s : summaries) {
            h.append("<tr>");
            for (String cell : s.csv().split(",", -1)) {
                h.append("<td>").append(esc(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>meanBitrateKbps and offload cover the steady state; fluidBoundKbps is min(top rendition, (u_s·servers + Σu_i)/n).</p>\n");
        for (String plot : plots().keySet()) {
            h.append("<p><img src=\"").append(plot).append("\" alt=\"").append(plot).append("\"></p>\n");
        }
        h.append("<h2>Parameters</h2>\n<pre>").append(esc(io.privastream.protocol.Json.writePretty(scenario))).append("</pre>\n");
        h.append("<p>Raw data: <a href=\"intervals.csv\">intervals.csv</a>, <a href=\"runs.csv\">runs.csv</a>, "
                + "<a href=\"viewers.csv\">viewers.csv</a>, <a href=\"summary.csv\">summary.csv</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
