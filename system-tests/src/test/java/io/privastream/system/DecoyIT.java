package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.agent.AgentStats;
import io.privastream.core.media.ContentId;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.PrivacyLevel;
import io.privastream.experiments.cluster.Viewer;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.player.PlayerConfig;
import io.privastream.protocol.SwarmNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fake queries on real video: three viewers of one live channel with one decoy per query, the
 * origin streaming two more channels nobody watches. The tracker's per-agent lookup counts (what
 * a curious operator could log) split about evenly between the real swarm and one cover, decoy
 * bytes are counted apart from what players asked for, and playback goes on.
 */
class DecoyIT {
    static LocalCluster cluster;
    static List<Viewer> viewers;

    @BeforeAll
    static void run() throws Exception {
        cluster = new LocalCluster(LocalCluster.Settings.defaults().withLadder(Ladder.tiny()).withCoverContents(2)
                .withPackager(PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)).withWindowSegments(10)));
        cluster.start(Duration.ofSeconds(60));
        cluster.awaitSegments(3, Duration.ofSeconds(60));
        List<Viewer> joined = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            joined.add(cluster.addViewer("v" + i, a -> a.privacy(cluster.privacy(PrivacyLevel.ENCRYPTED).withDecoys(1)), PlayerConfig.defaults()));
        }
        viewers = List.copyOf(joined);
        await().atMost(Duration.ofSeconds(60)).until(() -> viewers.stream().allMatch(v -> v.agentStats().decoyLookups() >= 15));
        viewers.forEach(Viewer::stop);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void trackersView_splitsEachAgentsLookupsBetweenItsContentAndOneCover() {
        ContentId real = SwarmNames.of(cluster.content(), cluster.descriptor().swarmKey()).swarm();
        Map<String, Map<ContentId, Long>> seen = cluster.tracker().orElseThrow().observations().lookupsByAgent();
        for (Viewer v : viewers) {
            Map<ContentId, Long> byAgent = seen.get(v.agent().pin().toString());
            assertThat(byAgent).as(v.name()).isNotNull().containsKey(real).hasSize(2);
            long all = byAgent.values().stream().mapToLong(Long::longValue).sum();
            // 1/2 ideally; decoys skipped while a cover's last one still downloads push it up a little under load.
            assertThat((double) byAgent.get(real) / all).as(v.name() + " real share").isBetween(0.4, 0.7);
        }
    }

    @Test
    void decoyBytes_areCountedApart_andPlaybackGoesOn() {
        for (Viewer v : viewers) {
            AgentStats s = v.agentStats();
            assertThat(s.decoyBytes()).as(v.name()).isPositive();
            assertThat(s.bytesFromPeers() + s.bytesFromServers()).as(v.name()).isPositive();
            assertThat(v.report(Duration.ofSeconds(10)).qoe().startupDelay()).as(v.name()).isPresent();
        }
    }
}
