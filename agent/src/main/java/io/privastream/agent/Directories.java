package io.privastream.agent;

import io.privastream.core.media.PeerId;
import io.privastream.core.time.Ticker;
import java.util.OptionalInt;

/** Picks the swarm directory an agent uses: the tracker's, or none (servers only). */
final class Directories {
    private Directories() {
    }

    static SwarmDirectory forConfig(AgentConfig config, PeerId self, String endpoint, PeerLinks links, Ticker ticker) {
        // The configured upload cap is the uplink the agent declares (none when unlimited or not uploading).
        long bits = config.uploadCap().bitsPerSecond();
        OptionalInt uploadKbps = !config.uploadEnabled() || bits == 0 ? OptionalInt.empty()
                : OptionalInt.of((int) Math.clamp(bits / 1000, 1, 100_000_000));
        return config.tracker()
                .<SwarmDirectory>map(t -> new TrackerDirectory(t, self, endpoint, links, config.lookupTimeout(), config.announceInterval(), ticker,
                        uploadKbps))
                .orElseGet(SwarmDirectory::none);
    }
}
