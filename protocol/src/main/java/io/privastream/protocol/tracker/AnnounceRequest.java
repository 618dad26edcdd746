package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;
import java.util.List;

/**
 * An incremental, batched change to what an agent holds; it also counts as a heartbeat.
 *
 * @param peer the announcing agent
 * @param have objects it now holds (at most {@link #MAX_ITEMS})
 * @param drop paths of objects it no longer holds (at most {@link #MAX_ITEMS})
 */
public record AnnounceRequest(PeerId peer, List<Holding> have, List<String> drop) {
    /** Most entries accepted in each of {@code have} and {@code drop}. */
    public static final int MAX_ITEMS = 1000;

    public AnnounceRequest {
        if (peer == null) {
            throw new IllegalArgumentException("announce needs a peer id");
        }
        have = List.copyOf(have == null ? List.of() : have);
        drop = List.copyOf(drop == null ? List.of() : drop);
        if (have.size() > MAX_ITEMS || drop.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("announce carries at most " + MAX_ITEMS + " entries per list, got "
                    + have.size() + " have / " + drop.size() + " drop");
        }
        drop.forEach(SegmentKey::checkPath);
    }
}
