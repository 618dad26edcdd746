package io.privastream.core.incentive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Who uploads next at a busy agent: at most {@code slots} uploads run at once; requests beyond
 * that wait and enter highest rank first ({@link IncentivePolicy#priority}), ties first come
 * first served. A request whose patience runs out is withdrawn by its driver and told busy.
 *
 * <p>Sans-IO: the agent drives it from its request threads (waiting on a condition), the
 * simulator from its events; neither decides the order itself. Not thread-safe.
 */
public final class UploadSlots {
    /** How long a request waits for a slot before it is told busy: short, the requester has other sources. */
    public static final Duration PATIENCE = Duration.ofMillis(150);

    private record Waiter(long id, long rank, long arrival) {
    }

    private final int slots;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Waiter::rank).reversed().thenComparingLong(Waiter::arrival));
    private final Map<Long, Waiter> byId = new HashMap<>();
    private int active;
    private long arrivals;

    /**
     * @param slots uploads at once; {@link Integer#MAX_VALUE} for no limit
     * @throws IllegalArgumentException if {@code slots < 1}
     */
    public UploadSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("upload slots must be >= 1, got " + slots);
        }
        this.slots = slots;
    }

    /**
     * Request {@code id} (unique among those waiting) at {@code rank} arrives.
     *
     * @return true if it entered at once (it holds a slot until {@link #release}); false if it waits
     * @throws IllegalArgumentException if {@code id} is already waiting
     */
    public boolean request(long id, long rank) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("request " + id + " is already waiting");
        }
        if (active < slots && waiting.isEmpty()) {
            active++;
            return true;
        }
        Waiter w = new Waiter(id, rank, arrivals++);
        waiting.add(w);
        byId.put(id, w);
        return false;
    }

    /**
     * An upload ended and frees its slot.
     *
     * @return the waiting requests that entered now, in order (each holds a slot)
     * @throws IllegalStateException if no upload was running
     */
    public List<Long> release() {
        if (active == 0) {
            throw new IllegalStateException("no upload to release");
        }
        active--;
        List<Long> entered = new ArrayList<>(1);
        while (active < slots && !waiting.isEmpty()) {
            Waiter next = waiting.poll();
            byId.remove(next.id());
            active++;
            entered.add(next.id());
        }
        return entered;
    }

    /**
     * Request {@code id} stops waiting (its patience ran out, or its requester went away).
     *
     * @return true if it was waiting (it gets nothing); false if it had entered or was unknown
     */
    public boolean withdraw(long id) {
        Waiter w = byId.remove(id);
        return w != null && waiting.remove(w);
    }

    /** Uploads running now. */
    public int active() {
        return active;
    }

    /** Requests waiting now. */
    public int waiting() {
        return waiting.size();
    }
}
