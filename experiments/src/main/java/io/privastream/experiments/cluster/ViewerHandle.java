package io.privastream.experiments.cluster;

import io.privastream.agent.AgentStats;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.time.Duration;
import java.util.Optional;

/**
 * What an experiment reads from a viewer (an agent and the player playing through it), wherever
 * it runs: in this JVM ({@link Viewer}) or in a process of its own.
 */
public interface ViewerHandle {
    /** The viewer's name, e.g. {@code v3}. */
    String name();

    /** Its agent's counters now (the last reported, for a viewer in another process). */
    AgentStats agentStats();

    /** The latest progress snapshot, once the player reported one. */
    Optional<PlayerProgress> progress();

    /** Its agent's key as the tracker knows it (the text of its pin). */
    String agentPin();

    /** Its agent's peer id as the tracker knows it. */
    String agentPeerId();

    /** Asks the player to stop; its report then completes. */
    void stop();

    /**
     * The player's report, waiting up to {@code timeout} for it.
     *
     * @throws IllegalStateException if the player did not end in time or crashed
     */
    PlayerReport report(Duration timeout);
}
