package io.privastream.experiments.paper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.privastream.agent.AgentStats;
import io.privastream.experiments.cluster.ViewerHandle;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A viewer of {@code experiment paper --network netns}: a {@link NetnsViewerMain} process in the
 * viewer's network namespace, started ahead of its join (so that the JVM's start does not count
 * in its startup delay) and told to play when it joins. Its counters arrive as lines on the
 * process's stdout; its log goes to {@code log}.
 *
 * <p>Thread-safe.
 */
final class NetnsViewer implements ViewerHandle, AutoCloseable {
    private static final ObjectMapper JSON = mapper();
    private static final AgentStats NOTHING_YET = new AgentStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final String name;
    private final Path log;
    private final Process process;
    private final OutputStream stdin;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final CompletableFuture<PlayerReport> report = new CompletableFuture<>();
    private volatile AgentStats stats;
    private volatile PlayerProgress progress;

    /** The JSON mapping both ends use (records, {@link Optional}, {@link Duration}). */
    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Starts the viewer's process in {@code namespace} and sends it {@code spec}; returns at once.
     *
     * @throws UncheckedIOException if the process cannot be started
     */
    NetnsViewer(String name, String namespace, NetnsViewerMain.Spec spec, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small heap and the serial collector: ten of these share two cores with the servers.
        cmd.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), NetnsViewerMain.class.getName()));
        try {
            process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            stdin = process.getOutputStream();
            send(JSON.writeValueAsString(spec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start viewer " + name + " in namespace " + namespace + ": " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("netns-" + name).start(this::readLines);
    }

    /**
     * Waits until its agent is up.
     *
     * @throws IllegalStateException if it is not within {@code timeout} or the process failed
     */
    void awaitReady(Duration timeout) {
        await(ready, timeout, "start its agent");
    }

    /** Starts its player: it joins at {@code atSeconds} of session time. */
    void play(double atSeconds) {
        send("PLAY " + atSeconds);
    }

    private void readLines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(NetnsViewerMain.MARK)) {
                    // A line that does not parse fails this viewer, but reading goes on: a
                    // process whose stdout is not drained would block.
                    try {
                        take(line.substring(NetnsViewerMain.MARK.length()));
                    } catch (IOException | RuntimeException e) {
                        IllegalStateException bad = new IllegalStateException("viewer " + name + " sent a line that does not parse: " + e.getMessage());
                        ready.completeExceptionally(bad);
                        report.completeExceptionally(bad);
                    }
                }
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone, said below.
        }
        IllegalStateException gone = new IllegalStateException("viewer " + name + "'s process ended (exit "
                + process.onExit().join().exitValue() + "; its log: " + log + ")");
        ready.completeExceptionally(gone);
        report.completeExceptionally(gone);
    }

    private void take(String message) throws IOException {
        int space = message.indexOf(' ');
        String kind = space < 0 ? message : message.substring(0, space);
        String body = space < 0 ? "" : message.substring(space + 1);
        switch (kind) {
            case "READY" -> ready.complete(JSON.readTree(body));
            case "STATS" -> stats = JSON.readValue(body, AgentStats.class);
            case "PROGRESS" -> progress = JSON.readValue(body, PlayerProgress.class);
            case "REPORT" -> report.complete(JSON.readValue(body, PlayerReport.class));
            case "FAILED" -> report.completeExceptionally(new IllegalStateException(body + " (its log: " + log + ")"));
            default -> { }
        }
    }

    private synchronized void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // The process is gone; its report says so.
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AgentStats agentStats() {
        AgentStats s = stats;
        return s != null ? s : NOTHING_YET;
    }

    @Override
    public Optional<PlayerProgress> progress() {
        return Optional.ofNullable(progress);
    }

    @Override
    public String agentPin() {
        return ready.getNow(JSON.createObjectNode()).path("pin").asText("");
    }

    @Override
    public String agentPeerId() {
        return ready.getNow(JSON.createObjectNode()).path("peerId").asText("");
    }

    @Override
    public void stop() {
        send("STOP");
    }

    @Override
    public PlayerReport report(Duration timeout) {
        return await(report, timeout, "report");
    }

    private <T> T await(CompletableFuture<T> f, Duration timeout, String what) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("viewer " + name + " did not " + what + " within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("viewer " + name + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for viewer " + name);
        }
    }

    /** Ends the process (closing its stdin first, which stops it cleanly), forcibly after 10 s. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
