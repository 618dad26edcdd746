package io.privastream.core.download;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How many fake queries go with each real one, and to which cover content: PRIVA-STREAM's "fake
 * queries to obfuscate interests", arranged so that they blur rather than add noise.
 *
 * <p>An agent keeps {@code ceil(perQuery)} <em>cover</em> contents, chosen at random among the
 * others it could watch. With each real lookup it makes {@code floor(perQuery)} decoy lookups,
 * plus one more with probability {@code perQuery - floor(perQuery)}, each in a different cover,
 * taking the covers in turn. With a whole {@code perQuery = d}, every cover then sees the same
 * rate of lookups as the real content, so whoever counts lookups per content (the tracker) finds
 * {@code d + 1} equally likely candidates: the real one's share of the agent's lookups is
 * {@code 1 / (d + 1)}. Decoys are fetched and announced like real objects (see the agent), so
 * nothing on the wire tells them apart.
 *
 * <p>Randomness from the injected generator (seeded in tests and the simulator). Thread-safe.
 */
public final class DecoyPlan {
    private final double perQuery;
    private final RandomGenerator random;
    private int next;

    /**
     * @param perQuery decoys per real lookup, 0-8 (fractions allowed)
     * @throws IllegalArgumentException if {@code perQuery} is outside 0-8
     */
    public DecoyPlan(double perQuery, RandomGenerator random) {
        if (!(perQuery >= 0 && perQuery <= 8)) {
            throw new IllegalArgumentException("decoys per query must be 0-8, got " + perQuery);
        }
        this.perQuery = perQuery;
        this.random = random;
    }

    /** Decoys per real lookup. */
    public double perQuery() {
        return perQuery;
    }

    /** How many cover contents to keep: {@code ceil(perQuery)}. */
    public int coverCount() {
        return (int) Math.ceil(perQuery);
    }

    /**
     * Picks {@link #coverCount()} of {@code candidates} (all of them when there are fewer), in
     * random order.
     */
    public synchronized <T> List<T> chooseCovers(List<T> candidates) {
        List<T> pool = new ArrayList<>(candidates);
        List<T> chosen = new ArrayList<>();
        while (chosen.size() < coverCount() && !pool.isEmpty()) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    /**
     * The covers (indices into the chosen list of {@code covers} of them) to make a decoy lookup
     * in for one real lookup; distinct, possibly empty.
     */
    public synchronized List<Integer> decoysFor(int covers) {
        if (covers == 0 || perQuery == 0) {
            return List.of();
        }
        int n = (int) Math.floor(perQuery);
        if (random.nextDouble() < perQuery - n) {
            n++;
        }
        n = Math.min(n, covers);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next);
            next = (next + 1) % covers;
        }
        return out;
    }
}
