package io.privastream.cli;

import io.privastream.simulator.FetchRow;
import io.privastream.simulator.ScenarioFile;
import io.privastream.simulator.SimReport;
import io.privastream.simulator.SimResult;
import io.privastream.simulator.SimScenario;
import io.privastream.simulator.Simulation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code privastream simulate}: the discrete-event simulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates a live session at scale with the agent's own decision code over a flow-level network",
            "(see docs/simulator.md). Writes summary.json, intervals.csv, viewers.csv, SVG plots and report.html to --out."})
final class SimulateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "A built-in scenario (paper, freeriders, enterprise, flash-crowd, flash-crowd-1k, small) or a scenario JSON file.")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: simulation-<scenario name>).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for every random draw (default: the scenario's).")
    Long seed;

    @Option(names = "--viewers", paramLabel = "N", description = "Scale every viewer group so that N viewers join in all (default: the scenario's).")
    Integer viewers;

    @Option(names = "--session", paramLabel = "SECONDS", description = "Simulate only the first SECONDS of the session (default: the scenario's).")
    Double session;

    @Option(names = "--fetches", description = "Also write fetches.csv: every download with its deadline and each transfer (large: one row per segment per viewer).")
    boolean fetches;

    @Override
    public Integer call() throws java.io.IOException {
        Logging.quiet();
        SimScenario s = ScenarioFile.load(scenario);
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (viewers != null) {
            s = s.withViewers(viewers);
        }
        if (session != null) {
            s = s.withSession(java.time.Duration.ofMillis(Math.round(session * 1000)));
        }
        Path dir = out != null ? out : Path.of("simulation-" + s.name());
        System.out.printf("simulating %s: %,d viewers, %d s live, seed %d%n", s.name(), s.viewerCount(), s.session().toSeconds(), s.seed());
        // Wall time and heap depend on these; a report of a run's speed should say them.
        System.out.printf("JVM: heap up to %,d MB, collector %s%n", maxHeapMB(), collectors());
        SimResult result;
        try {
            result = run(s, dir);
        } catch (OutOfMemoryError e) {
            // The simulation is unreachable once run() has unwound: enough heap is back to say why.
            System.err.printf("simulate: the JVM ran out of heap (at most %,d MB) simulating %,d viewers; give it more, e.g."
                    + " PRIVASTREAM_JAVA_OPTS=-Xmx8g ./privastream simulate ... (100,000 viewers peak at about 7 GB in use)%n",
                    maxHeapMB(), s.viewerCount());
            return 1;
        }
        SimReport report = new SimReport(s, result);
        report.write(dir);
        System.out.println();
        System.out.print(report.table());
        System.out.println("results in " + dir.toAbsolutePath() + " (open report.html)");
        return 0;
    }

    private SimResult run(SimScenario s, Path dir) throws java.io.IOException {
        Simulation simulation = new Simulation(s);
        java.io.PrintWriter fetchLog = null;
        if (fetches) {
            java.nio.file.Files.createDirectories(dir);
            fetchLog = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(dir.resolve("fetches.csv")));
            fetchLog.println(FetchRow.HEADER);
            java.io.PrintWriter w = fetchLog;
            simulation.logFetches(row -> w.println(row.csv()));
        }
        try {
            return simulation.run(p -> System.out.println(p.line()));
        } finally {
            if (fetchLog != null) {
                fetchLog.close();
            }
        }
    }

    private static long maxHeapMB() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private static String collectors() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(java.util.stream.Collectors.joining(" + "));
    }
}
