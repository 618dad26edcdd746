package io.privastream.cli;

import io.privastream.experiments.paper.ExperimentReport;
import io.privastream.experiments.paper.PaperExperiment;
import io.privastream.experiments.paper.RunResult;
import io.privastream.experiments.paper.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream experiment}: rerunnable evaluations. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Rerunnable evaluations (see docs/experiments.md).",
        subcommands = {ExperimentCommand.Paper.class})
final class ExperimentCommand {

    /** {@code privastream experiment paper}. */
    @Command(name = "paper", mixinStandardHelpOptions = true,
            description = {"The PRIVA-STREAM paper's evaluation: plain DASH, MS-Stream (3 servers), single-source P2P and",
                "PRIVA-STREAM, 10 viewers joining a 5-minute live session at 0/60/120/180 s, peers 10 Mbit/s down / 2 up,",
                "servers 10 Mbit/s up; CSVs, SVG plots and report.html in --out."})
    static final class Paper implements Callable<Integer> {
        @Option(names = "--scenario", paramLabel = "NAME|FILE",
                description = "A built-in scenario (paper, privacy, obfuscation, rewarding, freeriders) or a scenario JSON file (default: paper).")
        String scenario = "paper";

        @Option(names = "--time-scale", paramLabel = "X", description = "Multiply every duration by X in (0, 1], e.g. 0.1 for a quick run (default: ${DEFAULT-VALUE}).")
        double timeScale = 1.0;

        @Option(names = "--repeat", paramLabel = "R", description = "Runs of each configuration (default: the scenario's, 3 in paper.json).")
        Integer repeat;

        @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these configurations (comma-separated names).")
        List<String> only;

        @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("experiment-paper");

        @Option(names = "--ffmpeg", description = "ffmpeg to encode the test stream with: auto, bundled, system or a path (default: ${DEFAULT-VALUE}).")
        String ffmpeg = "auto";

        @Option(names = "--network", paramLabel = "MODE",
                description = {"How links are emulated: in-process (token buckets in each agent; reproducible, no root) or netns",
                    "(each viewer a process in its own network namespace, its veth link shaped by tc tbf: real TCP; Linux, root,",
                    "iproute2) (default: ${DEFAULT-VALUE})."})
        String network = "in-process";

        @Option(names = "--fetches", description = {"Also write fetches-<configuration>-run<r>.csv into --out: every download of every agent,",
                "each transfer and how it ended, in the format of `simulate --fetches` (in-process network only)."})
        boolean fetches;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            PaperExperiment.Network links = PaperExperiment.Network.parse(network);
            Scenario s = Scenario.BUILT_IN.contains(scenario) && !java.nio.file.Files.exists(Path.of(scenario))
                    ? Scenario.builtIn(scenario) : Scenario.load(Path.of(scenario));
            if (repeat != null) {
                s = s.withRepeat(repeat);
            }
            if (only != null && !only.isEmpty()) {
                s = s.only(only);
            }
            if (fetches && links == PaperExperiment.Network.NETNS) {
                throw new IllegalArgumentException("--fetches needs --network in-process: in netns mode the agents are other processes");
            }
            PaperExperiment experiment = new PaperExperiment(s, timeScale, ffmpeg, links, System.out);
            if (fetches) {
                experiment.logFetches(out);
            }
            List<RunResult> runs = experiment.run();
            ExperimentReport report = new ExperimentReport(experiment.scenario(), timeScale, links, runs);
            report.write(out);
            System.out.println();
            System.out.print(report.table());
            System.out.println("results in " + out.toAbsolutePath() + " (open report.html)");
            return 0;
        }
    }
}
