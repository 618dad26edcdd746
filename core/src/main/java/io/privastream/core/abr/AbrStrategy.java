package io.privastream.core.abr;

import io.privastream.core.media.Text;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the representation of the next video segment.
 *
 * <p>Implementations are deterministic functions of their inputs and, for {@link #dynamic()},
 * of their own past decisions; they may keep state, so make one per player session (every
 * factory returns a fresh instance). Not thread-safe.
 *
 * <p>Every named strategy except {@link #fixed(int)} is combined with the insufficient-buffer
 * rule (see {@link InsufficientBufferRule}): never pick a representation whose expected
 * download time exceeds what the buffer can absorb.
 */
public interface AbrStrategy {

    /** Names {@link #byName(String)} accepts, besides {@code fixed:<index>}. */
    List<String> NAMES = List.of("throughput", "bola", "dynamic");

    /**
     * The index, into {@link AbrInput#bitratesBitsPerSecond()}, of the representation to fetch
     * next; always in {@code [0, input.size())}.
     */
    int choose(AbrInput input);

    /** The name {@link #byName(String)} makes this strategy from. */
    String name();

    /**
     * Throughput-based: the highest bitrate at most 0.9 × the estimate, the estimate first
     * reduced by the share of a segment's time lost to request latency (dash.js's ThroughputRule).
     * The lowest bitrate while there is no estimate.
     */
    static AbrStrategy throughput() {
        return new GuardedAbr("throughput", new ThroughputRule());
    }

    /** Buffer-based BOLA with dash.js's defaults (buffer target 12 s); see {@link BolaRule}. */
    static AbrStrategy bola() {
        return bola(BolaRule.DEFAULT_BUFFER_TARGET);
    }

    /**
     * Buffer-based BOLA aiming at {@code bufferTarget} of buffer at the top bitrate.
     *
     * @throws IllegalArgumentException if {@code bufferTarget} is not positive
     */
    static AbrStrategy bola(Duration bufferTarget) {
        return new GuardedAbr("bola", new BolaRule(bufferTarget));
    }

    /**
     * dash.js's default: throughput while the buffer is below 12 s, BOLA from there on until
     * it falls below 6 s (hysteresis, so the two do not alternate).
     */
    static AbrStrategy dynamic() {
        return dynamic(BolaRule.DEFAULT_BUFFER_TARGET);
    }

    /**
     * {@link #dynamic()} switching to BOLA at {@code switchOnBuffer} and back to throughput
     * below half of it; BOLA aims at the same buffer.
     *
     * @throws IllegalArgumentException if {@code switchOnBuffer} is not positive
     */
    static AbrStrategy dynamic(Duration switchOnBuffer) {
        return new GuardedAbr("dynamic", new DynamicRule(switchOnBuffer));
    }

    /** Always representation {@code index} (clamped to the ladder); for tests. */
    static AbrStrategy fixed(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("fixed index must be >= 0, got " + index);
        }
        return new FixedAbr(index);
    }

    /**
     * The strategy called {@code name}: {@code throughput}, {@code bola}, {@code dynamic} or
     * {@code fixed:<index>}, case-insensitive. A fresh instance on every call.
     *
     * @throws IllegalArgumentException quoting {@code name} when it names no strategy
     */
    static AbrStrategy byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "throughput" -> {
                return throughput();
            }
            case "bola" -> {
                return bola();
            }
            case "dynamic" -> {
                return dynamic();
            }
            default -> {
                if (n.startsWith("fixed:")) {
                    try {
                        return fixed(Integer.parseInt(n.substring("fixed:".length())));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException("unknown ABR strategy '" + Text.quote(name) + "'; known: "
                        + String.join(", ", NAMES) + ", fixed:<index>");
            }
        }
    }
}
