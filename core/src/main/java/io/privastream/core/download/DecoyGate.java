package io.privastream.core.download;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Admits the decoys of one cover content: up to {@code maxRunning} download at once, up to
 * {@code maxWaiting} more wait their turn, and a decoy that waited longer than {@code maxWait} is
 * dropped.
 *
 * <p>Why waiting rather than dropping at once: a decoy served in the background may take
 * seconds, and each dropped decoy is a lookup the tracker does not see, so the real content's
 * share of the agent's lookups rises above {@code 1 / (d + 1)} (see {@link DecoyPlan}). Waiting
 * keeps the count of decoy lookups over time close to the plan's while the number downloading
 * stays bounded; the wait bound keeps a link that stays busy from collecting a backlog.
 *
 * <p>Sans-IO: the caller passes the time (nanoseconds of its ticker) and runs the downloads. Not
 * thread-safe; the agent calls it under its cover's lock.
 *
 * @param <T> what the caller needs to start a waiting decoy later
 */
public final class DecoyGate<T> {
    /** What becomes of a decoy offered to the gate. */
    public enum Admission {
        /** Download it now. */
        RUN,
        /** It waits: {@link #finished(long)} hands it out when a running decoy ends. */
        WAIT,
        /** Dropped: too many wait already. */
        DROP
    }

    private final int maxRunning;
    private final int maxWaiting;
    private final long maxWaitNanos;
    /** The waiting decoys, oldest first. */
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private int running;
    private long dropped;

    /**
     * @param maxRunning decoys downloading at once, at least 1
     * @param maxWaiting decoys waiting at once, 0 to drop whatever cannot run now
     * @param maxWait    longest a decoy waits before it is dropped
     * @throws IllegalArgumentException if {@code maxRunning < 1}, {@code maxWaiting < 0} or
     *                                  {@code maxWait} is negative
     */
    public DecoyGate(int maxRunning, int maxWaiting, Duration maxWait) {
        if (maxRunning < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("decoy gate needs maxRunning >= 1, maxWaiting >= 0 and a wait >= 0, got "
                    + maxRunning + ", " + maxWaiting + ", " + maxWait);
        }
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
    }

    private record Waiting<T>(long sinceNanos, T decoy) {
    }

    /**
     * Decoy {@code decoy} is due at {@code nowNanos}: whether it runs now (the caller starts it),
     * waits (kept for {@link #finished(long)}) or is dropped.
     */
    public Admission offer(long nowNanos, T decoy) {
        dropStale(nowNanos);
        if (running < maxRunning) {
            running++;
            return Admission.RUN;
        }
        if (waiting.size() < maxWaiting) {
            waiting.addLast(new Waiting<>(nowNanos, decoy));
            return Admission.WAIT;
        }
        dropped++;
        return Admission.DROP;
    }

    /**
     * A running decoy ended at {@code nowNanos} (done or failed). Returns the waiting decoy the
     * caller should start now, the oldest that has not waited too long; it counts as running.
     * Empty when none waits: the running count drops.
     *
     * @throws IllegalStateException if no decoy was running
     */
    public Optional<T> finished(long nowNanos) {
        if (running == 0) {
            throw new IllegalStateException("no decoy is running");
        }
        dropStale(nowNanos);
        if (waiting.isEmpty()) {
            running--;
            return Optional.empty();
        }
        return Optional.of(waiting.removeFirst().decoy());
    }

    /** Decoys downloading now. */
    public int running() {
        return running;
    }

    /** Decoys waiting now (after the last call's drops). */
    public int waiting() {
        return waiting.size();
    }

    /** Decoys dropped so far, for lack of room or after waiting too long. */
    public long dropped() {
        return dropped;
    }

    private void dropStale(long nowNanos) {
        while (!waiting.isEmpty() && nowNanos - waiting.peekFirst().sinceNanos() > maxWaitNanos) {
            waiting.removeFirst();
            dropped++;
        }
    }
}
