package io.privastream.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Writes a {@link SimResult} to a directory: {@code summary.json}, {@code intervals.csv},
 * {@code viewers.csv}, {@code gateways.csv} (with offices), SVG plots and {@code report.html}
 * putting them together with the scenario.
 */
public final class SimReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SimScenario scenario;
    private final SimResult result;

    public SimReport(SimScenario scenario, SimResult result) {
        this.scenario = scenario;
        this.result = result;
    }

    /**
     * Writes every file into {@code dir}, creating it.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("summary.json").toFile(), result.summary());
            Files.writeString(dir.resolve("intervals.csv"), intervalsCsv());
            Files.writeString(dir.resolve("viewers.csv"), viewersCsv());
            if (!result.gateways().isEmpty()) {
                Files.writeString(dir.resolve("gateways.csv"), gatewaysCsv());
            }
            List<String> plots = plots(dir);
            Files.writeString(dir.resolve("report.html"), html(plots));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulation results to " + dir, e);
        }
    }

    /** The summary as aligned text for a terminal. */
    public String table() {
        SimResult.Summary s = result.summary();
        StringBuilder b = new StringBuilder();
        line(b, "viewers", "%,d (%d never started)", s.viewers(), s.notStarted());
        line(b, "offload", "%.1f %% of useful media bytes from peers", 100 * s.offload());
        line(b, "server bytes", "%,.1f MB (fluid-model minimum %,.1f MB, ratio %.2f)", s.serverBytes() / 1e6, s.fluidMinServerBytes() / 1e6,
                s.fluidMinServerBytes() == 0 ? 0 : (double) s.serverBytes() / s.fluidMinServerBytes());
        line(b, "peer bytes", "%,.1f MB", s.peerBytes() / 1e6);
        line(b, "bitrate", "mean %.0f kbit/s, p5 %.0f, p50 %.0f, p95 %.0f (fluid bound %.0f)", s.meanBitrateKbps(), s.bitrateKbpsP5(),
                s.bitrateKbpsP50(), s.bitrateKbpsP95(), s.fluidRateBoundKbps());
        if (!scenario.steadyFrom().isZero()) {
            line(b, "steady state", "from %d s: bitrate %.0f kbit/s, offload %.1f %% of useful media bytes (%.1f %% of all bytes sent by peers)",
                    scenario.steadyFrom().toSeconds(), s.steadyBitrateKbps(), 100 * s.steadyOffload(), 100 * s.steadySentOffload());
        }
        double contributors = meanSteadyKbps(true);
        double riders = meanSteadyKbps(false);
        if (contributors > 0 && riders > 0) {
            line(b, "by upload", "contributors %.0f kbit/s, free-riders %.0f kbit/s (%.2f×), mean per viewer%s", contributors, riders,
                    contributors / riders, scenario.steadyFrom().isZero() ? "" : " from " + scenario.steadyFrom().toSeconds() + " s");
        }
        line(b, "rebuffering", "ratio %.3f %%, %.3f stalls/min", 100 * s.rebufferingRatio(), s.rebuffersPerMinute());
        line(b, "switches", "%.2f /min", s.switchesPerMinute());
        line(b, "startup delay", "p50 %,d ms, p95 %,d ms", s.startupDelayMsP50(), s.startupDelayMsP95());
        line(b, "live latency", "%.0f ms (mean at session end)", s.liveLatencyMs());
        line(b, "downloads", "%,d, %,d late (%.2f %%), %,d failed; %,d segments skipped by players; %,d busy answers from servers",
                s.fetches(), s.lateFetches(), s.fetches() == 0 ? 0 : 100.0 * s.lateFetches() / s.fetches(), s.failedFetches(),
                s.skippedSegments(), s.serverBusyAnswers());
        line(b, "run", "%,d events in %.1f s wall (%,.0f events/s), peak heap %,d MB", s.events(), s.wallSeconds(), s.eventsPerSecond(),
                s.peakHeapMB());
        for (SimResult.Gateway g : result.gateways()) {
            line(b, g.office(), "%d viewers, in %.1f Mbit/s = %s streams, out %.1f Mbit/s = %s streams", g.viewers(), g.inMbps(),
                    streams(g.inStreams()), g.outMbps(), streams(g.outStreams()));
        }
        return b.toString();
    }

    private String streams(List<Double> perRendition) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < perRendition.size(); i++) {
            parts.add(String.format(Locale.ROOT, "%.1f@%dk", perRendition.get(i), scenario.ladderBitsPerSecond().get(i) / 1000));
        }
        return String.join(" + ", parts);
    }

    private static void line(StringBuilder b, String label, String format, Object... args) {
        b.append(String.format(Locale.ROOT, "%-17s ", label)).append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private String intervalsCsv() {
        StringBuilder b = new StringBuilder("end_s,viewers,playing,bitrate_kbps,server_mbps,peer_mbps,upload_capacity_mbps,fluid_min_server_mbps\n");
        for (SimResult.Interval i : result.intervals()) {
            b.append(String.format(Locale.ROOT, "%.1f,%d,%d,%.1f,%.3f,%.3f,%.3f,%.3f%n", i.endSeconds(), i.viewers(), i.playing(),
                    i.meanBitrateKbps(), i.serverMbps(), i.peerMbps(), i.uploadCapacityMbps(), i.fluidMinServerMbps()));
        }
        return b.toString();
    }

    /** Mean over started viewers that upload ({@code uploads}) or not of their steady bitrate; 0 if there are none. */
    private double meanSteadyKbps(boolean uploads) {
        return result.viewers().stream().filter(v -> v.started() && v.uploads() == uploads).mapToDouble(SimResult.ViewerRow::steadyBitrateKbps)
                .average().orElse(0);
    }

    private String viewersCsv() {
        StringBuilder b = new StringBuilder("viewer,join_s,uploads,upload_mbps,started,startup_ms,bitrate_kbps,rebuffer_ratio,rebuffers,"
                + "switches_per_min,live_latency_ms,peer_bytes,server_bytes,uploaded_bytes,steady_bitrate_kbps\n");
        for (SimResult.ViewerRow v : result.viewers()) {
            b.append(String.format(Locale.ROOT, "%s,%.3f,%b,%.2f,%b,%d,%.1f,%.5f,%d,%.2f,%d,%d,%d,%d,%.1f%n", v.id(), v.joinSeconds(), v.uploads(),
                    v.uploadMbps(), v.started(), v.startupDelayMs(), v.bitrateKbps(), v.rebufferRatio(), v.rebuffers(), v.switchesPerMinute(),
                    v.liveLatencyMs(), v.peerBytes(), v.serverBytes(), v.uploadedBytes(), v.steadyBitrateKbps()));
        }
        return b.toString();
    }

    private String gatewaysCsv() {
        StringBuilder b = new StringBuilder("office,viewers,in_mbps,out_mbps");
        for (Long rate : scenario.ladderBitsPerSecond()) {
            b.append(",in_streams_").append(rate / 1000).append("k");
        }
        for (Long rate : scenario.ladderBitsPerSecond()) {
            b.append(",out_streams_").append(rate / 1000).append("k");
        }
        b.append('\n');
        for (SimResult.Gateway g : result.gateways()) {
            b.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f", g.office(), g.viewers(), g.inMbps(), g.outMbps()));
            g.inStreams().forEach(x -> b.append(String.format(Locale.ROOT, ",%.3f", x)));
            g.outStreams().forEach(x -> b.append(String.format(Locale.ROOT, ",%.3f", x)));
            b.append('\n');
        }
        return b.toString();
    }

    private List<String> plots(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        List<SimResult.Interval> rows = result.intervals();
        double[] t = rows.stream().mapToDouble(SimResult.Interval::endSeconds).toArray();
        files.add(plot(dir, "server-load.svg", SvgChart.lines("Server load against the fluid-model minimum", "time (s)", "Mbit/s", List.of(
                series("servers sent", t, rows, SimResult.Interval::serverMbps),
                series("fluid minimum", t, rows, SimResult.Interval::fluidMinServerMbps),
                series("peers sent", t, rows, SimResult.Interval::peerMbps)))));
        files.add(plot(dir, "bitrate.svg", SvgChart.lines("Mean bitrate played", "time (s)", "kbit/s", List.of(
                series("playing viewers", t, rows, SimResult.Interval::meanBitrateKbps)))));
        files.add(plot(dir, "viewers.svg", SvgChart.lines("Viewers", "time (s)", "viewers", List.of(
                series("present", t, rows, i -> i.viewers()), series("playing", t, rows, i -> i.playing())))));
        List<SimResult.ViewerRow> started = result.viewers().stream().filter(SimResult.ViewerRow::started).toList();
        double[] join = started.stream().mapToDouble(SimResult.ViewerRow::joinSeconds).toArray();
        double[] startup = started.stream().mapToDouble(SimResult.ViewerRow::startupDelayMs).toArray();
        double[] rate = started.stream().mapToDouble(SimResult.ViewerRow::bitrateKbps).toArray();
        files.add(plot(dir, "startup.svg", SvgChart.lines("Startup delay by join time", "join time (s)", "ms",
                List.of(new SvgChart.Series("viewers", join, startup)))));
        files.add(plot(dir, "viewer-bitrate.svg", SvgChart.lines("Mean bitrate per viewer by join time", "join time (s)", "kbit/s",
                List.of(new SvgChart.Series("viewers", join, rate)))));
        if (!result.gateways().isEmpty()) {
            List<String> offices = result.gateways().stream().map(SimResult.Gateway::office).toList();
            List<SvgChart.Bar> bars = new ArrayList<>();
            for (int k = 0; k < scenario.ladderBitsPerSecond().size(); k++) {
                int rung = k;
                bars.add(new SvgChart.Bar("in @" + scenario.ladderBitsPerSecond().get(k) / 1000 + "k",
                        result.gateways().stream().mapToDouble(g -> g.inStreams().get(rung)).toArray()));
            }
            files.add(plot(dir, "gateways.svg", SvgChart.bars("Streams entering each office gateway", offices, "streams", bars)));
        }
        return files;
    }

    private static SvgChart.Series series(String name, double[] t, List<SimResult.Interval> rows, ToDoubleFunction<SimResult.Interval> y) {
        return new SvgChart.Series(name, t, rows.stream().mapToDouble(y).toArray());
    }

    private static String plot(Path dir, String name, String svg) throws IOException {
        Files.writeString(dir.resolve(name), svg);
        return name;
    }

    private String html(List<String> plots) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>simulation ")
                .append(escape(scenario.name())).append("</title></head><body><h1>Simulation: ").append(escape(scenario.name()))
                .append("</h1><p>").append(escape(scenario.description())).append("</p><h2>Summary</h2><pre>").append(escape(table()))
                .append("</pre>");
        for (String p : plots) {
            b.append("<p><img src=\"").append(p).append("\" alt=\"").append(p).append("\"></p>");
        }
        b.append("<h2>Scenario</h2><pre>").append(escape(scenario.toString())).append("</pre>")
                .append("<p>Files: summary.json, intervals.csv, viewers.csv").append(result.gateways().isEmpty() ? "" : ", gateways.csv")
                .append(".</p></body></html>\n");
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
