package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which identities (key pins) joined which swarms since the tracker started: how the ledger
 * knows a receipt is for content its receiver really fetches. Bounded: at most
 * {@value #MAX_IDENTITIES} identities and {@value #MAX_SWARMS} swarms each (more are not
 * remembered, so their receipts count for nothing). Thread-safe.
 */
final class Memberships {
    static final int MAX_IDENTITIES = 200_000;
    static final int MAX_SWARMS = 64;

    private final Map<String, Set<String>> swarmsByPin = new ConcurrentHashMap<>();

    void joined(String pin, ContentId swarm) {
        Set<String> swarms = swarmsByPin.get(pin);
        if (swarms == null) {
            if (swarmsByPin.size() >= MAX_IDENTITIES) {
                return;
            }
            swarms = swarmsByPin.computeIfAbsent(pin, p -> ConcurrentHashMap.newKeySet());
        }
        if (swarms.size() < MAX_SWARMS) {
            swarms.add(swarm.value());
        }
    }

    boolean contains(String pin, String swarm) {
        Set<String> swarms = swarmsByPin.get(pin);
        return swarms != null && swarms.contains(swarm);
    }
}
