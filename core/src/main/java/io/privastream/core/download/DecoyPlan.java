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
 * <p>Each cover also has a {@link #lagShare lag}, drawn once: its decoys are made that share of a
 * segment duration after the real lookup, as by a viewer of the cover playing that much further
 * behind its live edge. Why: at the live edge every agent fetches the real segment in a burst
 * right after it appears; decoys made at the same moment compete with it for the servers' and
 * the peers' uplinks, while a little later those links are idle.
 *
 * <p>Randomness from the injected generator (seeded in tests and the simulator). Thread-safe.
 */
public final class DecoyPlan {
    private final double perQuery;
    private final RandomGenerator random;
    private int next;
    /** Lag of each cover index, drawn on first use. */
    private final java.util.Map<Integer, Double> lags = new java.util.HashMap<>();

    /** Least lag of a cover, in segment durations. */
    public static final double MIN_LAG = 0.5;
    /** Most lag of a cover, in segment durations (exclusive). */
    public static final double MAX_LAG = 1.0;

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

    /**
     * How far behind the real lookup the decoys of cover {@code cover} (an index into the chosen
     * covers) are made, in segment durations: drawn once per cover, uniform in
     * [{@link #MIN_LAG}, {@link #MAX_LAG}), the same ever after.
     */
    public synchronized double lagShare(int cover) {
        return lags.computeIfAbsent(cover, c -> random.nextDouble(MIN_LAG, MAX_LAG));
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
