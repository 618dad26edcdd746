package io.privastream.experiments.paper;

import java.util.List;

/**
 * One run of one configuration.
 *
 * @param configuration   which
 * @param repeat          run number, from 1
 * @param viewers         every viewer, in join order
 * @param originBytes     bytes the origin's listeners sent, per session interval
 * @param intervalSeconds length of an interval
 * @param cpuSeconds      CPU time this process (origin, tracker, relay, every agent and player)
 *                        used during the session
 * @param realLookupShare what the tracker could count: mean over viewers of the share of their
 *                        lookups made in the swarm they really watch (1 without decoys; NaN
 *                        without a tracker)
 * @param decoyBytes      bytes the agents downloaded for decoys
 */
public record RunResult(Scenario.Configuration configuration, int repeat, List<ViewerRun> viewers, long[] originBytes,
        double intervalSeconds, double cpuSeconds, double realLookupShare, long decoyBytes) {
    public RunResult {
        viewers = List.copyOf(viewers);
        originBytes = originBytes.clone();
    }

    /** Number of session intervals. */
    public int intervals() {
        return originBytes.length;
    }
}
