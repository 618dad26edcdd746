package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privastream.cli.Main;
import io.privastream.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code privastream} command as a user types it. */
class CliIT {

    @Test
    void demo_runsTheWholeSystem_andWritesTheReportTheIssueSpecifies(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int exit = Main.run("demo", "--viewers", "2", "--duration", "14s", "--ladder", "tiny", "--segment", "1s",
                "--report", report.toString());

        assertThat(exit).isZero();
        JsonNode r = Json.mapper().readTree(Files.readAllBytes(report));
        assertThat(r.get("viewers")).hasSize(2);
        for (JsonNode v : r.get("viewers")) {
            for (String field : new String[] {"id", "startupDelayMs", "rebufferCount", "rebufferMs", "avgBitrateKbps", "switches",
                "bytesFromPeers", "bytesFromServers"}) {
                assertThat(v.has(field)).as(field).isTrue();
            }
            assertThat(v.get("startupDelayMs").asLong()).isNotNegative();
            assertThat(v.get("bytesFromPeers").asLong() + v.get("bytesFromServers").asLong()).isPositive();
        }
        assertThat(r.get("offload").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.get("viewers").get(1).get("bytesFromPeers").asLong()).isPositive();
    }

    @Test
    void badOption_failsWithAClearMessage() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("agent", "--download-cap", "fast")).isEqualTo(2);
            assertThat(Main.run("demo", "--viewers", "0")).isNotZero();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("'fast'").contains("viewers must be 1-200");
    }

    /** A JVM too small for the crowd: a clear message and exit 1, not a stack trace after a long wait. */
    @Test
    void simulateOutOfHeap_saysHowToGiveItMore(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"), "io.privastream.cli.Main",
                "simulate", "flash-crowd", "--viewers", "20000", "--session", "30", "--out", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("JVM: heap up to").contains("ran out of heap").contains("PRIVASTREAM_JAVA_OPTS=-Xmx8g");
        assertThat(dir.resolve("summary.json")).doesNotExist();
    }
}
