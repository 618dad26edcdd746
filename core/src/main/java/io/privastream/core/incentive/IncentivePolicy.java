package io.privastream.core.incentive;

import java.util.List;
import java.util.Locale;

/**
 * How standing becomes service: how many sources an agent may use at once (k) and how its
 * requests rank at a busy peer. Named strategies, so experiments and the simulator can compare
 * them.
 *
 * <p>Free-riders (agents with upload disabled, a setting metered links need) use the servers
 * plus at most one peer under every policy but {@link #none()}.
 */
public interface IncentivePolicy {

    /** Uploads at once under {@link #tokens}: enough to fill a residential uplink, few enough that order matters. */
    int UPLOAD_SLOTS = 6;

    /** Names {@link #byName} accepts. */
    List<String> NAMES = List.of("none", "tokens");

    /** The policy's name. */
    String name();

    /**
     * Sources (k) for an agent with standing {@code s}, between 1 and {@code maxSources}.
     *
     * @param uploads whether the agent serves peers at all
     */
    int sources(Standing s, boolean uploads, int maxSources);

    /** The rank of a requester with standing {@code s} at a busy peer: higher is served first. */
    long priority(Standing s);

    /**
     * Uploads a serving agent runs at once ({@link UploadSlots}); more requests wait, best
     * {@link #priority} first, at most {@link UploadSlots#PATIENCE}. {@link Integer#MAX_VALUE}: no queue.
     */
    int uploadSlots();

    /** No incentive: everyone gets {@code maxSources} and the same rank (the comparison baseline). */
    static IncentivePolicy none() {
        return new IncentivePolicy() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public int sources(Standing s, boolean uploads, int maxSources) {
                return maxSources;
            }

            @Override
            public long priority(Standing s) {
                return 0;
            }

            @Override
            public int uploadSlots() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /**
     * Tokens buy sources: {@code k = 1 + floor(log2(1 + balance / stepBytes))}, so each doubling
     * of the balance buys one more source (with the default 5 MB step and a 20 MB allowance a
     * newcomer has 3, 35 MB buys 4, 75 MB 5, 155 MB 6); free-riders 1. Requests rank by
     * balance.
     *
     * @throws IllegalArgumentException if {@code stepBytes < 1}
     */
    static IncentivePolicy tokens(long stepBytes) {
        if (stepBytes < 1) {
            throw new IllegalArgumentException("token step must be >= 1 byte, got " + stepBytes);
        }
        return new IncentivePolicy() {
            @Override
            public String name() {
                return "tokens";
            }

            @Override
            public int sources(Standing s, boolean uploads, int maxSources) {
                if (!uploads) {
                    return 1;
                }
                double steps = Math.max(0, s.balanceBytes()) / (double) stepBytes;
                int k = 1 + (int) Math.floor(Math.log1p(steps) / Math.log(2));
                return Math.clamp(k, 1, maxSources);
            }

            @Override
            public long priority(Standing s) {
                return s.balanceBytes();
            }

            @Override
            public int uploadSlots() {
                return UPLOAD_SLOTS;
            }
        };
    }

    /**
     * {@code none} or {@code tokens} (5 MB step: a newcomer's allowance buys 3 sources, as
     * measured a newcomer at 2 drags the whole swarm's offload down), case-insensitive.
     *
     * @throws IllegalArgumentException naming the known policies
     */
    static IncentivePolicy byName(String name) {
        return switch (String.valueOf(name).strip().toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "tokens" -> tokens(5_000_000);
            default -> throw new IllegalArgumentException("unknown incentive policy '" + name + "'; known: " + NAMES);
        };
    }
}
