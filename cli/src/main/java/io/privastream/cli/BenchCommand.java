package io.privastream.cli;

import io.privastream.experiments.bench.ProxyBench;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream bench}: performance measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Performance measurements.",
        subcommands = {BenchCommand.Proxy.class})
final class BenchCommand {

    /** {@code privastream bench proxy}. */
    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = {"The agent serving cached segments to local clients, side by side with the origin serving the same",
                "files over loopback: throughput (GB/s), per-segment latency (p50/p99), and their ratio."})
    static final class Proxy implements Callable<Integer> {
        @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients = 8;

        @Option(names = "--round", description = "Length of each run (default: ${DEFAULT-VALUE}).")
        Duration round = Duration.ofSeconds(5);

        @Option(names = "--rounds", description = "Origin+agent pairs of runs (default: ${DEFAULT-VALUE}).")
        int rounds = 3;

        @Option(names = "--content", paramLabel = "SECONDS", description = "Seconds of video to package (default: ${DEFAULT-VALUE}).")
        int content = 20;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            ProxyBench.Result r = new ProxyBench(new ProxyBench.Settings(clients, round, rounds, content), System.out).run();
            return r.origin().failures() + r.agent().failures() == 0 ? 0 : 1;
        }
    }
}
