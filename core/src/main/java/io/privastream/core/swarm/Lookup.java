package io.privastream.core.swarm;

import java.util.List;

/**
 * The answer to a (claiming) lookup.
 *
 * @param holders holders of the object, complete and pending, freshest first
 * @param claimed true when the asker found no holder and is now listed as fetching the object:
 *                others asking next are pointed at it instead of all going to the servers
 */
public record Lookup(List<HolderInfo> holders, boolean claimed) {
    public Lookup {
        holders = List.copyOf(holders);
    }
}
