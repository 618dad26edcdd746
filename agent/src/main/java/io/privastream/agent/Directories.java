package io.privastream.agent;

import io.privastream.core.media.PeerId;
import io.privastream.core.time.Ticker;

/** Picks the swarm directory an agent uses: the tracker's, or none (servers only). */
final class Directories {
    private Directories() {
    }

    static SwarmDirectory forConfig(AgentConfig config, PeerId self, String endpoint, PeerLinks links, Ticker ticker) {
        return config.tracker()
                .<SwarmDirectory>map(t -> new TrackerDirectory(t, self, endpoint, links, config.lookupTimeout(), config.announceInterval(), ticker))
                .orElseGet(SwarmDirectory::none);
    }
}
