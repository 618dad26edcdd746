package io.privastream.agent;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The order a busy agent serves peers in: at most {@code slots} uploads at once; the others wait
 * and enter highest rank first (ties: who came first). A waiter that cannot enter within its
 * patience gets nothing (the peer is told it is busy and goes elsewhere; servers are the floor).
 *
 * <p>Thread-safe.
 */
final class UploadQueue {
    /** An upload's place; close it when the upload ends. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private record Waiter(long rank, long arrival) {
    }

    private final int slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Waiter::rank).reversed().thenComparingLong(Waiter::arrival));
    private int active;
    private long arrivals;

    /** @throws IllegalArgumentException if {@code slots < 1} */
    UploadQueue(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("an upload queue needs at least 1 slot, got " + slots);
        }
        this.slots = slots;
    }

    /**
     * Waits for a slot at {@code rank}.
     *
     * @return the permit, or empty when none came within {@code patience}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Optional<Permit> enter(long rank, Duration patience) throws InterruptedException {
        lock.lock();
        Waiter me = new Waiter(rank, arrivals++);
        waiting.add(me);
        try {
            long left = patience.toNanos();
            while (active >= slots || waiting.peek() != me) {
                if (left <= 0) {
                    waiting.remove(me);
                    changed.signalAll();
                    return Optional.empty();
                }
                left = changed.awaitNanos(left);
            }
            waiting.poll();
            active++;
            changed.signalAll();
            return Optional.of(this::leave);
        } catch (InterruptedException e) {
            waiting.remove(me);
            changed.signalAll();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            active--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Uploads running now. */
    int active() {
        lock.lock();
        try {
            return active;
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
                if (waiting.size() >= n) {
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
