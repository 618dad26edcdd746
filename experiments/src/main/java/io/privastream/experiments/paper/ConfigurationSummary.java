package io.privastream.experiments.paper;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One configuration's figures averaged over its runs (see {@link RunMetrics} for each field;
 * arrays are averaged element-wise, ignoring NaN and, for startup, viewers that never started).
 *
 * @param configuration the configuration
 * @param runs          how many runs were averaged
 */
public record ConfigurationSummary(Scenario.Configuration configuration, int runs, double meanBitrateKbps, double meanBitrateAllKbps,
        double rebuffersPerMinute, double rebufferRatio, double switchesPerMinute, double meanStartupDelayMs, double offload,
        double offloadAll, double serverBytes, double fluidBoundKbps, double cpuCores, double realLookupShare,
        double decoyBytes, double contributorKbps, double freeRiderKbps, double[] startupMs, double[] steadyBitrateKbps, double[] rebuffers,
        double[] bitrateKbps, double[] serverMbps, double[] offloadByInterval, double[] stalledSeconds) {

    /** The CSV header of {@link #csv()}. */
    public static final String CSV_HEADER = "configuration,meanBitrateKbps,rebuffersPerMinute,switchesPerMinute,meanStartupDelayMs,"
            + "offload,serverBytes,fluidBoundKbps,boundShare,meanBitrateAllKbps,offloadAll,rebufferRatio,cpuCores,privacy,decoys,realLookupShare,decoyBytes,incentive,freeRiders,contributorKbps,freeRiderKbps,runs";

    /** Averages {@code metrics}, the runs of {@code c}. */
    public static ConfigurationSummary of(Scenario.Configuration c, List<RunMetrics> metrics) {
        return new ConfigurationSummary(c, metrics.size(), avg(metrics, RunMetrics::meanBitrateKbps),
                avg(metrics, RunMetrics::meanBitrateAllKbps), avg(metrics, RunMetrics::rebuffersPerMinute),
                avg(metrics, RunMetrics::rebufferRatio), avg(metrics, RunMetrics::switchesPerMinute),
                avgPositive(metrics, RunMetrics::meanStartupDelayMs), avg(metrics, RunMetrics::offload), avg(metrics, RunMetrics::offloadAll),
                avg(metrics, m -> m.serverBytes()), avg(metrics, RunMetrics::fluidBoundKbps), avg(metrics, RunMetrics::cpuCores),
                avg(metrics, RunMetrics::realLookupShare), avg(metrics, m -> m.decoyBytes()), avgPresent(metrics, RunMetrics::contributorKbps),
                avgPresent(metrics, RunMetrics::freeRiderKbps), elementwise(metrics, RunMetrics::startupMs, true),
                elementwise(metrics, RunMetrics::steadyBitrateKbps, false), elementwise(metrics, RunMetrics::rebuffers, false),
                elementwise(metrics, RunMetrics::bitrateKbps, false), elementwise(metrics, RunMetrics::serverMbps, false),
                elementwise(metrics, RunMetrics::offloadByInterval, false), elementwise(metrics, RunMetrics::stalledSeconds, false));
    }

    /** Steady bitrate as a share of the fluid bound. */
    public double boundShare() {
        return fluidBoundKbps == 0 ? 0 : meanBitrateKbps / fluidBoundKbps;
    }

    /** One line of {@code summary.csv}: {@value #CSV_HEADER}. */
    public String csv() {
        return String.join(",", configuration.name(), f(meanBitrateKbps, 1), f(rebuffersPerMinute, 4), f(switchesPerMinute, 4),
                f(meanStartupDelayMs, 0), f(offload, 4), f(serverBytes, 0), f(fluidBoundKbps, 1), f(boundShare(), 4),
                f(meanBitrateAllKbps, 1), f(offloadAll, 4), f(rebufferRatio, 5), f(cpuCores, 3), configuration.privacy(),
                f(configuration.decoys(), 2), f(realLookupShare, 3), f(decoyBytes, 0), configuration.incentive(), f(configuration.freeRiders(), 2),
                f(contributorKbps, 1), f(freeRiderKbps, 1), String.valueOf(runs));
    }

    static String f(double d, int decimals) {
        return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", d);
    }

    private static double avg(List<RunMetrics> ms, ToDoubleFunction<RunMetrics> f) {
        return ms.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double avgPresent(List<RunMetrics> ms, ToDoubleFunction<RunMetrics> f) {
        return ms.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    private static double avgPositive(List<RunMetrics> ms, ToDoubleFunction<RunMetrics> f) {
        return ms.stream().mapToDouble(f).filter(x -> x >= 0).average().orElse(-1);
    }

    private static double[] elementwise(List<RunMetrics> ms, Function<RunMetrics, double[]> f, boolean skipNegative) {
        int len = ms.stream().mapToInt(m -> f.apply(m).length).max().orElse(0);
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            double sum = 0;
            int n = 0;
            for (RunMetrics m : ms) {
                double[] xs = f.apply(m);
                if (i < xs.length && !Double.isNaN(xs[i]) && !(skipNegative && xs[i] < 0)) {
                    sum += xs[i];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }
}
