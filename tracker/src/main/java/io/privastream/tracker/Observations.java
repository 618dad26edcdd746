package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an honest-but-curious tracker operator can count: lookups per agent per swarm, the agent
 * known by the key it proved on its encrypted link (the same in every swarm it joins), else by its peer
 * id. Kept so that experiments can measure how much decoys blur this view; it is exactly what a
 * logging operator would have, and holds no addresses.
 *
 * <p>Bounded: at most {@value #MAX_AGENTS} agents and {@value #MAX_SWARMS} swarms per agent
 * (more are not counted). Thread-safe.
 */
public final class Observations {
    static final int MAX_AGENTS = 10_000;
    static final int MAX_SWARMS = 64;

    private final Map<String, Map<ContentId, LongAdder>> lookups = new ConcurrentHashMap<>();

    void lookup(String agent, ContentId swarm) {
        Map<ContentId, LongAdder> bySwarm = lookups.get(agent);
        if (bySwarm == null) {
            if (lookups.size() >= MAX_AGENTS) {
                return;
            }
            bySwarm = lookups.computeIfAbsent(agent, a -> new ConcurrentHashMap<>());
        }
        LongAdder n = bySwarm.get(swarm);
        if (n == null) {
            if (bySwarm.size() >= MAX_SWARMS) {
                return;
            }
            n = bySwarm.computeIfAbsent(swarm, s -> new LongAdder());
        }
        n.increment();
    }

    /** Lookups so far: agent (its key {@code sha256:...}, or {@code peer:<id>}) → swarm → count. A copy. */
    public Map<String, Map<ContentId, Long>> lookupsByAgent() {
        Map<String, Map<ContentId, Long>> out = new LinkedHashMap<>();
        lookups.forEach((agent, bySwarm) -> {
            Map<ContentId, Long> counts = new LinkedHashMap<>();
            bySwarm.forEach((swarm, n) -> counts.put(swarm, n.sum()));
            out.put(agent, counts);
        });
        return out;
    }
}
