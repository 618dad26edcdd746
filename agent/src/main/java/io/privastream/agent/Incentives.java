package io.privastream.agent;

import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.Standing;
import io.privastream.link.Pin;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What this agent's standing buys, and what others' standing buys from it, under an
 * {@link IncentivePolicy}: k (sources at once) from its own standing, refreshed from the ledger;
 * the rank of each requester, from its standing as the ledger reports it (never as it declares
 * it), cached for {@value #CACHE_SECONDS} s and refreshed in the background.
 *
 * <p>Thread-safe.
 */
final class Incentives {
    static final int CACHE_SECONDS = 10;

    private final IncentivePolicy policy;
    private final boolean uploads;
    private final int maxSources;
    private final String me;
    private final SwarmDirectory directory;
    private final LongSupplier nanos;
    private final long allowanceBytes;
    private volatile Standing mine;
    private final Map<String, Cached> others = new ConcurrentHashMap<>();

    private record Cached(Standing standing, long fetchedNanos) {
    }

    Incentives(IncentivePolicy policy, boolean uploads, int maxSources, String me, SwarmDirectory directory, LongSupplier nanos,
            long allowanceBytes) {
        this.policy = policy;
        this.uploads = uploads;
        this.maxSources = maxSources;
        this.me = me;
        this.directory = directory;
        this.nanos = nanos;
        this.allowanceBytes = allowanceBytes;
        this.mine = new Standing(me, allowanceBytes, 0, 0);
    }

    /** The policy in force. */
    IncentivePolicy policy() {
        return policy;
    }

    /** Asks the ledger for this agent's standing again; called periodically. */
    void refresh() {
        directory.standing(me).ifPresent(s -> mine = s);
    }

    /** This agent's standing as last learned. */
    Standing standing() {
        return mine;
    }

    /** Sources this agent may use at once now. */
    int sources() {
        return policy.sources(mine, uploads, maxSources);
    }

    /** Most peers one download may use: one for a free-rider (servers plus at most one peer), else {@code maxPeers}. */
    int peerLimit(int maxPeers) {
        return !uploads && !policy.name().equals("none") ? Math.min(1, maxPeers) : maxPeers;
    }

    /**
     * The rank of a requester: its standing at the ledger by the key its link proved; unknown
     * requesters (plain links) rank as a fresh identity.
     */
    long priority(Optional<Pin> requester) {
        if (requester.isEmpty() || policy.name().equals("none")) {
            return policy.priority(new Standing("", allowanceBytes, 0, 0));
        }
        String pin = requester.get().toString();
        Cached c = others.get(pin);
        long now = nanos.getAsLong();
        Standing known = c == null ? new Standing(pin, allowanceBytes, 0, 0) : c.standing();
        if (c == null || now - c.fetchedNanos() > Duration.ofSeconds(CACHE_SECONDS).toNanos()) {
            // Answer from what is known now; learn the rest in the background for the next request.
            if (others.size() > 10_000) {
                others.clear();
            }
            others.put(pin, new Cached(known, now));
            Thread.ofVirtual().name("standing").start(() -> directory.standing(pin).ifPresent(s -> others.put(pin, new Cached(s, nanos.getAsLong()))));
        }
        return policy.priority(known);
    }
}
