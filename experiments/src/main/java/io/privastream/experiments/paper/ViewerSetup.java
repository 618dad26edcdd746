package io.privastream.experiments.paper;

import io.privastream.agent.AgentConfig;
import io.privastream.agent.Privacy;
import io.privastream.core.rate.Bandwidth;
import io.privastream.player.PlayerConfig;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How viewer {@code index} of run {@code repeat} of configuration {@code c} is set up: its
 * agent and its player. One place for both network modes, so that an in-process viewer and a
 * viewer in its own network namespace run the same settings.
 *
 * @param scenario the scenario as run (scaled)
 * @param c        the configuration
 * @param repeat   the run, from 1
 * @param index    the viewer, from 0 in join order
 * @param timings  the run's scaled timers
 */
record ViewerSetup(Scenario scenario, Scenario.Configuration c, int repeat, int index, ScaledTimings timings) {

    /** Its name in tables: {@code v1}, {@code v2}... */
    String name() {
        return "v" + (index + 1);
    }

    /**
     * Its agent's settings on top of what the cluster sets (servers, tracker, addresses).
     *
     * @param privacy      the agent's privacy, the cluster's tracker key and relay filled in
     * @param inProcessCaps whether the agent enforces the scenario's link rates itself (token
     *                     buckets); false when {@code tc} shapes its links
     */
    Consumer<AgentConfig.Builder> agent(Privacy privacy, boolean inProcessCaps) {
        long seed = scenario.seed() * 1_000_003L + repeat * 1_009L + index;
        Bandwidth down = inProcessCaps ? Bandwidth.parse(scenario.peerDownload()) : Bandwidth.UNLIMITED;
        Bandwidth up = inProcessCaps ? Bandwidth.parse(scenario.peerUpload()) : Bandwidth.UNLIMITED;
        return a -> a.downloadCap(down).uploadCap(up).uploadEnabled(c.peers() && !c.freeRider(index, scenario.viewers()))
                .incentive(c.incentive()).downloadStrategy(c.strategy()).maxSources(c.maxSources())
                .liveLeadSegments(c.liveLeadSegments()).livePhase(c.livePhase()).deadlinePolicy(c.deadline()).privacy(privacy.withDecoys(c.decoys()))
                .tuning(timings.tuning().withRescueHeadroom(c.rescueHeadroom())).announceInterval(timings.announceInterval())
                .lookupTimeout(timings.lookupTimeout()).requestTimeout(timings.requestTimeout()).liveWindow(timings.liveWindow())
                .addedLatency(Duration.ofNanos(Math.round(scenario.addedLatencyMs() * 1e6))).seed(seed);
    }

    /** Its player's settings when it joins at {@code atSeconds} of session time: it plays to the session's end. */
    PlayerConfig player(double atSeconds) {
        Duration remaining = Scenario.seconds(Math.max(scenario.intervalSeconds(), scenario.sessionSeconds() - atSeconds));
        return timings.player(PlayerConfig.defaults().withAbr(scenario.abr()).withLiveDelaySegments(scenario.liveDelaySegments())
                .withSessionLimit(remaining).withIntervals(scenario.interval(), scenario.interval()));
    }
}
