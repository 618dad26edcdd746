package io.privastream.experiments.cluster;

import io.privastream.agent.Agent;
import io.privastream.agent.AgentStats;
import io.privastream.player.HeadlessPlayer;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One viewer of a {@link LocalCluster}: an agent and a headless player playing through it.
 *
 * <p>Thread-safe.
 */
public final class Viewer implements ViewerHandle {
    private final String name;
    private final Agent agent;
    private final HeadlessPlayer player;
    private final URI playerUrl;
    private final long joinedAtNanos;
    private final CompletableFuture<PlayerReport> report = new CompletableFuture<>();
    private volatile PlayerProgress progress;

    Viewer(String name, Agent agent, HeadlessPlayer player, URI playerUrl, long joinedAtNanos) {
        this.name = name;
        this.agent = agent;
        this.player = player;
        this.playerUrl = playerUrl;
        this.joinedAtNanos = joinedAtNanos;
    }

    void play() {
        Thread.ofVirtual().name("player-" + name).start(() -> {
            try {
                report.complete(player.play(playerUrl, p -> progress = p));
            } catch (RuntimeException e) {
                report.completeExceptionally(e);
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    /** Its agent. */
    public Agent agent() {
        return agent;
    }

    @Override
    public String agentPin() {
        return agent.pin().toString();
    }

    @Override
    public String agentPeerId() {
        return agent.peerId().toString();
    }

    /** The URL its player plays; a person can open it in VLC or dash.js while the cluster runs. */
    public URI playerUrl() {
        return playerUrl;
    }

    /** When it joined, as a {@link System#nanoTime()} reading. */
    public long joinedAtNanos() {
        return joinedAtNanos;
    }

    @Override
    public Optional<PlayerProgress> progress() {
        return Optional.ofNullable(progress);
    }

    @Override
    public AgentStats agentStats() {
        return agent.stats();
    }

    /** True once the player ended. */
    public boolean done() {
        return report.isDone();
    }

    @Override
    public void stop() {
        player.stop();
    }

    @Override
    public PlayerReport report(Duration timeout) {
        try {
            return report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("viewer " + name + " did not finish within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("viewer " + name + " crashed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for viewer " + name);
        }
    }
}
