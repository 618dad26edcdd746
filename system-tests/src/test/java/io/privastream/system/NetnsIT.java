package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privastream.core.rate.Bandwidth;
import io.privastream.experiments.paper.ConfigurationSummary;
import io.privastream.experiments.paper.ExperimentReport;
import io.privastream.experiments.paper.NetnsNetwork;
import io.privastream.experiments.paper.PaperExperiment;
import io.privastream.experiments.paper.RunResult;
import io.privastream.experiments.paper.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiment paper --network netns}: viewers in network namespaces behind {@code tc tbf}
 * links. Runs only where the mode can (Linux, root, iproute2); skipped elsewhere, saying why.
 */
class NetnsIT {
    private static final int BYTES = 500_000;

    @BeforeAll
    static void needsNetns() {
        var why = NetnsNetwork.unusableReason();
        assumeTrue(why.isEmpty(), () -> "netns mode unavailable here: " + why.orElse(""));
    }

    /**
     * The shaping is real: 500 kB through a 2 Mbit/s download link takes about 2 s and through a
     * 1 Mbit/s upload link about 4 s (unshaped, a few milliseconds). Times are measured at the
     * receiving end, which only the link's rate can hold back.
     */
    @Test
    void theVethLinksRunAtTheirRates() throws Exception {
        try (NetnsNetwork net = new NetnsNetwork("nt" + ProcessHandle.current().pid() % 1000).start();
             ServerSocket server = new ServerSocket()) {
            NetnsNetwork.Slot slot = net.add(1, Bandwidth.mbps(2), Bandwidth.mbps(1));
            server.bind(new InetSocketAddress(InetAddress.getByName(NetnsNetwork.HOST_ADDRESS), 0));
            int port = server.getLocalPort();

            // Download: the host sends, the namespace's bash reads and times it.
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(new byte[BYTES]);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String script = "s=$(date +%s%N); n=$(cat < /dev/tcp/" + NetnsNetwork.HOST_ADDRESS + "/" + port
                    + " | wc -c); e=$(date +%s%N); echo \"$n $(( (e - s) / 1000000 ))\"";
            String[] got = inNamespace(slot.namespace(), script).strip().split(" ");
            send.get(30, TimeUnit.SECONDS);
            assertThat(Long.parseLong(got[0])).as("bytes received in the namespace").isEqualTo(BYTES);
            assertThat(Long.parseLong(got[1])).as("ms to receive 500 kB at 2 Mbit/s (2,000 ms at the rate, less the 32 kB burst)")
                    .isBetween(1_500L, 10_000L);

            // Upload: the namespace sends, the host reads and times it.
            CompletableFuture<long[]> receive = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    long start = System.nanoTime();
                    long n = in.transferTo(OutputStream.nullOutputStream());
                    return new long[] {n, (System.nanoTime() - start) / 1_000_000};
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            inNamespace(slot.namespace(), "head -c " + BYTES + " /dev/zero > /dev/tcp/" + NetnsNetwork.HOST_ADDRESS + "/" + port);
            long[] up = receive.get(30, TimeUnit.SECONDS);
            System.out.printf("500 kB down a 2 Mbit/s link: %s ms; up a 1 Mbit/s link: %d ms%n", got[1], up[1]);
            assertThat(up[0]).as("bytes received from the namespace").isEqualTo(BYTES);
            assertThat(up[1]).as("ms to send 500 kB at 1 Mbit/s (4,000 ms at the rate)").isBetween(3_200L, 15_000L);
        }
    }

    /**
     * A small experiment with every viewer a process in its own namespace: all of them play, the
     * later ones take bytes from the earlier ones across the shaped links (encrypted, sealed addresses,
     * the tracker and the origin on the bridge), and the report says how links were emulated.
     */
    @Test
    void anExperimentRunsWithEveryViewerInItsOwnNamespace(@TempDir Path out) throws Exception {
        Scenario scenario = Scenario.load(Path.of(NetnsIT.class.getResource("/scenarios/netns-small.json").toURI()));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PaperExperiment experiment = new PaperExperiment(scenario, 0.5, "auto", PaperExperiment.Network.NETNS,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        List<RunResult> runs = experiment.run();
        ExperimentReport report = new ExperimentReport(experiment.scenario(), 0.5, PaperExperiment.Network.NETNS, runs);
        report.write(out);
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        System.out.println(report.table());

        ConfigurationSummary priva = report.summary("priva-stream").orElseThrow();
        assertThat(java.util.Arrays.stream(priva.startupMs()).allMatch(ms -> ms >= 0)).as("every viewer started").isTrue();
        assertThat(priva.meanBitrateKbps()).as("steady bitrate").isGreaterThan(100);
        assertThat(priva.offload()).as("bytes from peers across the veth links").isGreaterThan(0.1);
        assertThat(priva.meanBitrateKbps()).as("no run beats the fluid bound").isLessThanOrEqualTo(priva.fluidBoundKbps() * 1.1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("tc tbf");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("viewer processes in network namespaces");
    }

    /** A second network while the first holds the bridge's address is refused, naming the interface; nothing is left behind. */
    @Test
    void aSecondNetworkAtOnce_isRefusedClearly() throws Exception {
        String prefix = "nu" + ProcessHandle.current().pid() % 1000;
        try (NetnsNetwork first = new NetnsNetwork(prefix).start()) {
            NetnsNetwork second = new NetnsNetwork("nv" + ProcessHandle.current().pid() % 1000);
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already on interface " + prefix + "br");
            second.close();
        }
        Process p = new ProcessBuilder("ip", "-o", "link", "show").redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(prefix + "br");
    }

    /** Runs {@code script} with bash inside {@code namespace}; returns its stdout. */
    private static String inNamespace(String namespace, String script) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
        assertThat(p.exitValue()).as("the script's exit; output: " + out).isZero();
        return out;
    }
}
