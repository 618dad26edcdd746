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
}
