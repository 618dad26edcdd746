package io.privastream.cli;

import io.privastream.core.rate.Bandwidth;
import io.privastream.experiments.bench.CryptoBench;
import io.privastream.experiments.bench.LedgerBench;
import io.privastream.experiments.bench.ProxyBench;
import io.privastream.experiments.bench.VerifyBench;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code privastream bench}: performance measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Performance measurements.",
        subcommands = {BenchCommand.Proxy.class, BenchCommand.Verify.class, BenchCommand.Crypto.class, BenchCommand.LedgerRate.class})
final class BenchCommand {

    /** The options of the side-by-side benchmarks: alternating runs over packaged real video. */
    static final class Rounds {
        @Option(names = "--round", description = "Length of each run (default: ${DEFAULT-VALUE}).")
        Duration round = Duration.ofSeconds(5);

        @Option(names = "--rounds", description = "Pairs of alternating runs, one of each side (default: ${DEFAULT-VALUE}).")
        int rounds = 3;

        @Option(names = "--content", paramLabel = "SECONDS", description = "Seconds of video to package (default: ${DEFAULT-VALUE}).")
        int content = 20;
    }

    /** {@code privastream bench proxy}. */
    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = {"The agent serving cached segments to local clients, side by side with the origin serving the same",
                "files over loopback: throughput (GB/s), per-segment latency (p50/p99), and their ratio."})
    static final class Proxy implements Callable<Integer> {
        @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients = 8;

        @Mixin
        Rounds rounds;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            ProxyBench.Result r = new ProxyBench(new ProxyBench.Settings(clients, rounds.round, rounds.rounds, rounds.content), System.out).run();
            return r.origin().failures() + r.agent().failures() == 0 ? 0 : 1;
        }
    }

    /** {@code privastream bench crypto}. */
    @Command(name = "crypto", mixinStandardHelpOptions = true,
            description = {"The peer link encrypted (the configured link protocol, pinned keys: Noise XX by default, TLS 1.3 with",
                "PRIVASTREAM_LINKS=tls) side by side with plain HTTP: agents serving cached segments",
                "to peer clients over loopback; MB/s per core (both ends' CPU) and wall throughput, and their ratio."})
    static final class Crypto implements Callable<Integer> {
        @Option(names = "--clients", description = "Concurrent peer clients (default: ${DEFAULT-VALUE}).")
        int clients = 4;

        @Mixin
        Rounds rounds;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            CryptoBench.Result r = new CryptoBench(new CryptoBench.Settings(clients, rounds.round, rounds.rounds, rounds.content), System.out).run();
            return r.plain().load().failures() + r.encrypted().load().failures() == 0 ? 0 : 1;
        }
    }

    /** {@code privastream bench ledger}. */
    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = {"Receipts verified (Ed25519) and recorded (forced to the ledger's file) per second, as the tracker redeems them,",
                "from concurrent redeemers."})
    static final class LedgerRate implements Callable<Integer> {
        @Option(names = "--receipts", description = "Receipts in the measured part (default: ${DEFAULT-VALUE}).")
        int receipts = 100_000;

        @Option(names = "--batch", description = "Receipts per redemption (default: ${DEFAULT-VALUE}).")
        int batch = 200;

        @Option(names = "--threads", description = "Concurrent redeemers (default: ${DEFAULT-VALUE}).")
        int threads = 2;

        @Option(names = "--receivers", description = "Distinct receiving identities (default: ${DEFAULT-VALUE}).")
        int receivers = 1000;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            new LedgerBench(new LedgerBench.Settings(receipts, batch, threads, receivers), System.out).run();
            return 0;
        }
    }

    /** {@code privastream bench verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"CPU cost of checking peer bytes against the publisher's signed digest (signature + every chunk), side by side",
                "with copying the same bytes: MB/s per core and the share of a core at a given media rate."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--object-bytes", description = "Object size (default: ${DEFAULT-VALUE}, a 2 s segment at 800 kbit/s).")
        int objectBytes = 200_000;

        @Option(names = "--rate", paramLabel = "RATE", description = "Media rate to express the cost at (default: ${DEFAULT-VALUE}).")
        String rate = "10Mbit";

        @Option(names = "--round", description = "CPU time per round and kind (default: ${DEFAULT-VALUE}).")
        Duration round = Duration.ofSeconds(2);

        @Option(names = "--rounds", description = "Rounds (default: ${DEFAULT-VALUE}).")
        int rounds = 3;

        @Override
        public Integer call() {
            Logging.quiet();
            long bps = Bandwidth.parse(rate).bytesPerSecond() * 8;
            new VerifyBench(new VerifyBench.Settings(objectBytes, bps, round, rounds), System.out).run();
            return 0;
        }
    }
}
