package io.privastream.core.download;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Orders the peers that hold an object: which to ask first. Unhealthy peers are removed.
 *
 * <p>Named implementations: {@code freshest} keeps the tracker's order (most recently heard from
 * first), {@code random} spreads load uniformly, {@code fastest} prefers peers measured fastest
 * (unmeasured peers after measured ones, in random order).
 */
public interface PeerSelector {

    /** The selector's name, as accepted by {@link #byName}. */
    String name();

    /**
     * Chooses up to {@code limit} of {@code holders} in the order they should be asked.
     *
     * @param holders candidates in the tracker's order (freshest first)
     * @param health  peers to skip while backing off or banned
     * @param nowNanos the current ticker reading
     */
    List<Source> select(List<Source> holders, PeerHealth health, long nowNanos, int limit);

    /** Keeps the tracker's freshest-first order. */
    static PeerSelector freshest() {
        return new Ordered("freshest", (list, unused) -> list);
    }

    /** Uniformly random order from {@code random} (seeded in tests and the simulator). */
    static PeerSelector random(RandomGenerator random) {
        return new Ordered("random", (list, unused) -> {
            List<Source> copy = new ArrayList<>(list);
            shuffle(copy, random);
            return copy;
        });
    }

    /** Fastest measured first; unmeasured peers after, shuffled by {@code random}. */
    static PeerSelector fastest(SourceEstimates estimates, RandomGenerator random) {
        return new Ordered("fastest", (list, unused) -> {
            List<Source> copy = new ArrayList<>(list);
            shuffle(copy, random);
            copy.sort(Comparator.comparingDouble((Source s) -> -estimates.bytesPerSecond(s).orElse(-1)));
            return copy;
        });
    }

    /** Names accepted by {@link #byName}. */
    static List<String> names() {
        return List.of("freshest", "random", "fastest");
    }

    /**
     * The selector called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    static PeerSelector byName(String name, SourceEstimates estimates, RandomGenerator random) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "freshest" -> freshest();
            case "random" -> random(random);
            case "fastest" -> fastest(estimates, random);
            default -> throw new IllegalArgumentException("unknown peer selector '" + name + "'; known: " + names());
        };
    }

    private static void shuffle(List<Source> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    /** A selector that filters by health, then orders with {@code order}. */
    record Ordered(String name, Order order) implements PeerSelector {
        @Override
        public List<Source> select(List<Source> holders, PeerHealth health, long nowNanos, int limit) {
            List<Source> healthy = holders.stream().filter(s -> health.usable(s.id(), nowNanos)).toList();
            List<Source> ordered;
            // The random generators are not thread-safe; selection is cheap, so serialize it.
            synchronized (this) {
                ordered = order.apply(healthy, nowNanos);
            }
            return ordered.size() <= limit ? ordered : ordered.subList(0, limit);
        }
    }

    /** Orders healthy candidates. */
    @FunctionalInterface
    interface Order {
        List<Source> apply(List<Source> healthy, long nowNanos);
    }
}
