package io.privastream.simulator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A link capacity drawn per viewer: one value, or a weighted mix of values.
 *
 * @param mbps    the values, megabits per second, each > 0
 * @param weights their relative weights, each >= 0, not all 0; same length as {@code mbps}
 */
public record Capacity(List<Double> mbps, List<Double> weights) {

    /** @throws IllegalArgumentException quoting the bad value */
    public Capacity {
        mbps = List.copyOf(mbps);
        weights = List.copyOf(weights);
        if (mbps.isEmpty() || mbps.size() != weights.size()) {
            throw new IllegalArgumentException("a capacity mix needs as many weights as values, got " + mbps + " and " + weights);
        }
        if (mbps.stream().anyMatch(v -> !(v > 0))) {
            throw new IllegalArgumentException("capacities must be > 0 Mbit/s, got " + mbps);
        }
        if (weights.stream().anyMatch(w -> !(w >= 0)) || weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("weights must be >= 0 and not all 0, got " + weights);
        }
    }

    /** Always {@code mbps}. */
    public static Capacity fixed(double mbps) {
        return new Capacity(List.of(mbps), List.of(1.0));
    }

    /** One draw, in bytes per second. */
    public double sampleBytesPerSecond(RandomGenerator random) {
        if (mbps.size() == 1) {
            return mbps.getFirst() * 1e6 / 8;
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double x = random.nextDouble() * total;
        for (int i = 0; i < mbps.size(); i++) {
            x -= weights.get(i);
            if (x < 0) {
                return mbps.get(i) * 1e6 / 8;
            }
        }
        return mbps.getLast() * 1e6 / 8;
    }

    /** The weighted mean, megabits per second. */
    public double meanMbps() {
        double total = 0;
        double sum = 0;
        for (int i = 0; i < mbps.size(); i++) {
            total += weights.get(i);
            sum += weights.get(i) * mbps.get(i);
        }
        return sum / total;
    }
}
