package io.privastream.agent;

import io.privastream.core.incentive.UploadSlots;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's driver of {@link UploadSlots} (the order is decided there, shared with the
 * simulator): each request thread waits here for its slot, at most its patience; one that
 * gets none is told busy by the caller and goes elsewhere (servers are the floor).
 *
 * <p>Thread-safe.
 */
final class UploadQueue {
    /** An upload's place; close it when the upload ends. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final UploadSlots slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Waiting requests that {@link UploadSlots#release} let in, not yet woken. */
    private final Set<Long> entered = new HashSet<>();
    private long ids;

    /** @throws IllegalArgumentException if {@code slots < 1} */
    UploadQueue(int slots) {
        this.slots = new UploadSlots(slots);
    }

    /**
     * Waits for a slot at {@code rank}.
     *
     * @return the permit, or empty when none came within {@code patience}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Optional<Permit> enter(long rank, Duration patience) throws InterruptedException {
        lock.lock();
        try {
            long id = ids++;
            if (slots.request(id, rank)) {
                return Optional.of(this::leave);
            }
            long left = patience.toNanos();
            try {
                while (!entered.remove(id)) {
                    if (left <= 0) {
                        // Not let in (the loop's check just said so): it gets nothing.
                        slots.withdraw(id);
                        return Optional.empty();
                    }
                    left = changed.awaitNanos(left);
                }
                return Optional.of(this::leave);
            } catch (InterruptedException e) {
                if (!slots.withdraw(id)) {
                    entered.remove(id);
                    release();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            release();
        } finally {
            lock.unlock();
        }
    }

    /** Frees a slot and wakes whoever entered; the lock is held. */
    private void release() {
        entered.addAll(slots.release());
        changed.signalAll();
    }

    /** Uploads running now. */
    int active() {
        lock.lock();
        try {
            return slots.active();
        } finally {
            lock.unlock();
        }
    }

    /** For tests: waits until {@code n} requests are waiting. */
    boolean awaitWaiting(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            lock.lock();
            try {
                if (slots.waiting() >= n) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return false;
    }
}
