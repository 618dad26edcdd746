package io.privastream.experiments.paper;

import io.privastream.core.playback.QoeReport;
import io.privastream.core.playback.TimelineSample;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one {@link RunResult}, with the QoE definitions of {@link QoeReport}. "Steady"
 * figures cover session time from {@link Scenario#steadyFromSeconds()} on, when every viewer has
 * joined; per-viewer arrays are in join order, per-interval arrays in session intervals.
 *
 * @param meanBitrateKbps      steady: mean over viewers of each one's time-weighted played video bitrate
 * @param meanBitrateAllKbps   the same over the whole session
 * @param rebuffersPerMinute   mean over viewers of stalls per minute of playing time
 * @param rebufferRatio        mean over viewers of stalled time / playing time
 * @param switchesPerMinute    mean over viewers of quality switches per minute of playing time
 * @param meanStartupDelayMs   mean over the viewers that started (-1 if none did)
 * @param offload              steady: media bytes from peers / all media bytes the agents received
 * @param offloadAll           the same over the whole session
 * @param serverBytes          bytes the origin's listeners sent in the whole session
 * @param fluidBoundKbps       {@link Scenario#fluidBoundKbps} for this configuration
 * @param cpuCores             CPU time of the run in this JVM / session time
 * @param realLookupShare      see {@link RunResult#realLookupShare()}
 * @param decoyBytes           see {@link RunResult#decoyBytes()}
 * @param contributorKbps      steady: mean over the viewers that upload of their bitrate (NaN: none)
 * @param freeRiderKbps        steady: the same over the free-riders (NaN: none)
 * @param startupMs            per viewer: startup delay, -1 if it never started
 * @param steadyBitrateKbps    per viewer: steady bitrate, NaN if it played nothing then
 * @param rebuffers            per viewer: stalls after startup
 * @param bitrateKbps          per interval: mean over viewers playing in it of their played bitrate (NaN: none)
 * @param serverMbps           per interval: the origin's sending rate, Mbit/s
 * @param offloadByInterval    per interval: peer share of received media bytes (NaN: none)
 * @param stalledSeconds       per interval: stalled time summed over viewers
 */
public record RunMetrics(double meanBitrateKbps, double meanBitrateAllKbps, double rebuffersPerMinute, double rebufferRatio,
        double switchesPerMinute, double meanStartupDelayMs, double offload, double offloadAll, long serverBytes, double fluidBoundKbps,
        double cpuCores, double realLookupShare, long decoyBytes, double contributorKbps, double freeRiderKbps,
        double[] startupMs, double[] steadyBitrateKbps, double[] rebuffers, double[] bitrateKbps, double[] serverMbps,
        double[] offloadByInterval, double[] stalledSeconds) {

    /** Computes the figures of {@code run} under {@code scenario} (the scaled one it ran with). */
    public static RunMetrics of(RunResult run, Scenario scenario) {
        List<ViewerRun> vs = run.viewers();
        int bins = run.intervals();
        double interval = run.intervalSeconds();
        int steadyBin = (int) Math.floor(scenario.steadyFromSeconds() / interval + 1e-9);
        double[] startup = new double[vs.size()];
        double[] steady = new double[vs.size()];
        double[] stalls = new double[vs.size()];
        double[] binKbpsSum = new double[bins];
        int[] binViewers = new int[bins];
        double[] stalled = new double[bins];
        long[] binPeer = new long[bins];
        long[] binAll = new long[bins];
        double allSum = 0;
        double steadySum = 0;
        int steadyCount = 0;
        for (int i = 0; i < vs.size(); i++) {
            ViewerRun v = vs.get(i);
            QoeReport q = v.report().qoe();
            startup[i] = q.started() ? q.startupDelayMillis() : -1;
            stalls[i] = q.rebufferCount();
            allSum += q.averageBitrateKbps();
            double weighted = 0;
            double played = 0;
            for (TimelineSample s : q.timeline()) {
                double end = v.joinSeconds() + s.at().toNanos() / 1e9;
                int bin = Math.min(bins - 1, Math.max(0, (int) Math.ceil(end / interval - 1e-9) - 1));
                double p = s.played().toNanos() / 1e9;
                double kbps = s.playedBitrateBitsPerSecond() / 1000.0;
                stalled[bin] += s.stalled().toNanos() / 1e9;
                if (p > 0) {
                    binKbpsSum[bin] += kbps;
                    binViewers[bin]++;
                    // Only what played after steadyFrom counts; a sample straddling it counts in part.
                    double after = Math.min(p, end - scenario.steadyFromSeconds());
                    if (after > 1e-9) {
                        weighted += kbps * after;
                        played += after;
                    }
                }
            }
            steady[i] = played > 0 ? weighted / played : Double.NaN;
            if (played > 0) {
                steadySum += steady[i];
                steadyCount++;
            }
            for (int b = 0; b < bins; b++) {
                binPeer[b] += v.peerBytes()[b];
                binAll[b] += v.peerBytes()[b] + v.serverBytes()[b];
            }
        }
        double[] bitrate = new double[bins];
        double[] server = new double[bins];
        double[] offload = new double[bins];
        for (int b = 0; b < bins; b++) {
            bitrate[b] = binViewers[b] == 0 ? Double.NaN : binKbpsSum[b] / binViewers[b];
            server[b] = run.originBytes()[b] * 8 / interval / 1e6;
            offload[b] = binAll[b] == 0 ? Double.NaN : (double) binPeer[b] / binAll[b];
        }
        return new RunMetrics(steadyCount == 0 ? 0 : steadySum / steadyCount, vs.isEmpty() ? 0 : allSum / vs.size(),
                mean(vs.stream().mapToDouble(v -> v.report().qoe().rebuffersPerMinute()).toArray()),
                mean(vs.stream().mapToDouble(v -> v.report().qoe().rebufferRatio()).toArray()),
                mean(vs.stream().mapToDouble(v -> v.report().qoe().switchesPerMinute()).toArray()),
                mean(Arrays.stream(startup).filter(x -> x >= 0).toArray(), -1),
                share(binPeer, binAll, steadyBin, bins), share(binPeer, binAll, 0, bins), Arrays.stream(run.originBytes()).sum(),
                scenario.fluidBoundKbps(run.configuration()), run.cpuSeconds() / (bins * interval), run.realLookupShare(), run.decoyBytes(),
                groupMean(steady, vs, run.configuration(), false), groupMean(steady, vs, run.configuration(), true), startup, steady, stalls, bitrate, server, offload, stalled);
    }

    private static double share(long[] part, long[] all, int from, int to) {
        long p = 0;
        long a = 0;
        for (int b = from; b < to; b++) {
            p += part[b];
            a += all[b];
        }
        return a == 0 ? 0 : (double) p / a;
    }

    /** Mean of {@code perViewer} over the free-riders ({@code riders}) or the others, ignoring NaN. */
    private static double groupMean(double[] perViewer, List<ViewerRun> vs, Scenario.Configuration c, boolean riders) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < vs.size(); i++) {
            if (c.freeRider(vs.get(i).index(), vs.size()) == riders && !Double.isNaN(perViewer[i])) {
                sum += perViewer[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double mean(double[] xs) {
        return mean(xs, 0);
    }

    static double mean(double[] xs, double empty) {
        return xs.length == 0 ? empty : Arrays.stream(xs).average().orElse(empty);
    }
}
