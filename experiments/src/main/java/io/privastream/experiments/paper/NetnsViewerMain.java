package io.privastream.experiments.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.core.media.ContentId;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.link.Pin;
import io.privastream.player.HeadlessPlayer;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One viewer of {@code experiment paper --network netns}, run by the experiment as a process of
 * its own inside the viewer's network namespace ({@code ip netns exec NS java ... NetnsViewerMain}).
 *
 * <p>Protocol, one line each way ({@link NetnsViewer} is the other end): the first line on
 * stdin is a {@link Spec} in JSON; this process starts the agent and answers
 * {@code @@ps READY {pin, peerId}}. {@code PLAY SECONDS} (the session time it joins at) starts the
 * player; from then on it prints {@code @@ps STATS} (the agent's counters) and
 * {@code @@ps PROGRESS} (the player's) four times a second, and at the end {@code @@ps REPORT}
 * (the player's report) or {@code @@ps FAILED MESSAGE}. {@code STOP}, or the end of stdin (the
 * experiment is gone), stops the player; the process then exits. Logs go to stderr; lines
 * without the {@code @@ps} marker are not part of the protocol.
 */
public final class NetnsViewerMain {
    /** Marks protocol lines on stdout. */
    static final String MARK = "@@ps ";

    /**
     * What the viewer runs.
     *
     * @param scenario      the scenario as run (scaled)
     * @param configuration the name of the configuration in it
     * @param timeScale     the run's time scale (for its timers)
     * @param repeat        the run, from 1
     * @param index         the viewer, from 0 in join order
     * @param address       its address in its namespace: its peer endpoint listens there
     * @param origin        the origin's base URL
     * @param content       the live content's id
     * @param tracker       the tracker's base URL; null without peers
     * @param trackerPin    the tracker's key; null when it speaks plain HTTP
     * @param relay         the relay's {@code host:port}; null without one
     */
    record Spec(Scenario scenario, String configuration, double timeScale, int repeat, int index, String address, String origin,
            String content, String tracker, String trackerPin, String relay) {
    }

    private NetnsViewerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        ObjectMapper json = NetnsViewer.mapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null) {
            return;
        }
        Spec spec = json.readValue(first, Spec.class);
        Scenario.Configuration c = spec.scenario().configurations().stream().filter(x -> x.name().equals(spec.configuration())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no configuration " + spec.configuration() + " in the scenario"));
        ViewerSetup setup = new ViewerSetup(spec.scenario(), c, spec.repeat(), spec.index(), new ScaledTimings(spec.timeScale()));
        AgentConfig.Builder b = AgentConfig.builder().playerHost("127.0.0.1").playerPort(0).peerHost(spec.address())
                .advertisedHost(spec.address()).manifestServer(URI.create(spec.origin()));
        if (spec.tracker() != null) {
            b.tracker(URI.create(spec.tracker()));
        }
        setup.agent(LocalCluster.privacy(c.privacyLevel(), Optional.ofNullable(spec.relay()), Optional.ofNullable(spec.trackerPin()).map(Pin::parse)),
                false).accept(b);
        try (Agent agent = new Agent(b.build()).start()) {
            out.println(MARK + "READY " + json.writeValueAsString(Map.of("pin", agent.pin().toString(), "peerId", agent.peerId().toString())));
            HeadlessPlayer player = null;
            CompletableFuture<PlayerReport> report = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicReference<PlayerProgress> latest = new java.util.concurrent.atomic.AtomicReference<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("PLAY ") && player == null) {
                    HeadlessPlayer p = new HeadlessPlayer(setup.player(Double.parseDouble(line.substring(5).strip())));
                    player = p;
                    URI url = agent.playerUrl(ContentId.of(spec.content()), "manifest.mpd");
                    Thread.ofVirtual().name("player").start(() -> {
                        try {
                            report.complete(p.play(url, latest::set));
                        } catch (RuntimeException e) {
                            report.completeExceptionally(e);
                        }
                    });
                    Thread.ofPlatform().daemon().name("reporter").start(() -> report(out, json, agent, latest, report));
                } else if (line.equals("STOP")) {
                    break;
                }
            }
            if (player != null) {
                player.stop();
                try {
                    out.println(MARK + "REPORT " + json.writeValueAsString(report.get()));
                } catch (java.util.concurrent.ExecutionException e) {
                    out.println(MARK + "FAILED " + String.valueOf(e.getCause()).replace('\n', ' '));
                }
            }
        }
        // Whatever thread a library left behind, this viewer is done.
        System.exit(0);
    }

    /** Prints the agent's and the player's counters four times a second until the report is in. */
    private static void report(PrintStream out, ObjectMapper json, Agent agent, java.util.concurrent.atomic.AtomicReference<PlayerProgress> latest,
            CompletableFuture<PlayerReport> done) {
        try {
            while (!done.isDone()) {
                out.println(MARK + "STATS " + json.writeValueAsString(agent.stats()));
                PlayerProgress p = latest.get();
                if (p != null) {
                    out.println(MARK + "PROGRESS " + json.writeValueAsString(p));
                }
                Thread.sleep(250);
            }
            out.println(MARK + "STATS " + json.writeValueAsString(agent.stats()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            out.println(MARK + "FAILED cannot write counters: " + e.getMessage());
        }
    }
}
