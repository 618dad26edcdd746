package io.privastream.experiments.paper;

import io.privastream.core.media.ContentId;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.ViewerHandle;
import io.privastream.protocol.SwarmNames;
import java.util.List;
import java.util.Map;

/**
 * What the tracker of a run could tell about its viewers' interests, from the lookups it
 * counted per agent key per swarm ({@link io.privastream.tracker.Observations}), and what decoys
 * cost.
 *
 * @param realLookupShare mean over viewers of (lookups in the swarm it watches / all its
 *                        lookups); NaN without a tracker
 * @param decoyBytes      bytes all agents downloaded for decoys
 */
record TrackerView(double realLookupShare, long decoyBytes) {

    static TrackerView of(LocalCluster cluster, List<? extends ViewerHandle> viewers) {
        long decoyBytes = viewers.stream().mapToLong(v -> v.agentStats().decoyBytes()).sum();
        if (cluster.tracker().isEmpty() || viewers.isEmpty()) {
            return new TrackerView(Double.NaN, decoyBytes);
        }
        ContentId real = SwarmNames.of(cluster.content(), cluster.descriptor().swarmKey()).swarm();
        Map<String, Map<ContentId, Long>> seen = cluster.tracker().get().observations().lookupsByAgent();
        double sum = 0;
        int counted = 0;
        for (ViewerHandle v : viewers) {
            Map<ContentId, Long> mine = seen.getOrDefault(v.agentPin(), seen.get("peer:" + v.agentPeerId()));
            if (mine == null) {
                continue;
            }
            long all = mine.values().stream().mapToLong(Long::longValue).sum();
            if (all > 0) {
                sum += (double) mine.getOrDefault(real, 0L) / all;
                counted++;
            }
        }
        return new TrackerView(counted == 0 ? Double.NaN : sum / counted, decoyBytes);
    }
}
