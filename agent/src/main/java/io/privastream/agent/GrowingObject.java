package io.privastream.agent;

import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An object still being downloaded, readable from offset 0 as its bytes arrive, so the agent can
 * relay it to peers before it is complete (cut-through, as a pending holder).
 *
 * <p>One writer (the download) publishes its buffer and how many bytes from 0 are complete;
 * readers wait for more. Thread-safe.
 */
final class GrowingObject {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] buffer = new byte[0];
    private long size = -1;
    private long ready;
    private boolean failed;

    /** The download learned the size. */
    void sizeKnown(long bytes) {
        lock.lock();
        try {
            if (size == bytes) {
                return;
            }
            size = bytes;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes {@code [0, contiguous)} of {@code current} are final. Ignored once failed. */
    void progress(byte[] current, long contiguous) {
        lock.lock();
        try {
            if (failed) {
                return;
            }
            buffer = current;
            if (contiguous > ready) {
                ready = contiguous;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The download completed with {@code data}. */
    void complete(byte[] data) {
        lock.lock();
        try {
            if (failed) {
                return;
            }
            buffer = data;
            size = data.length;
            ready = data.length;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The download failed: readers stop with what they have. */
    void fail() {
        lock.lock();
        try {
            failed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The size, waiting up to {@code timeoutNanos} for it; empty if unknown by then or failed. */
    OptionalLong awaitSize(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size < 0 && !failed && left > 0) {
                left = changed.awaitNanos(left);
            }
            return size >= 0 && !failed ? OptionalLong.of(size) : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies up to {@code max} bytes from {@code offset} into {@code into}, waiting up to
     * {@code timeoutNanos} for at least one to arrive.
     *
     * @return bytes copied; -1 if the download failed (even with bytes ready: they may belong to
     *         an attempt that was abandoned) or nothing arrived in time
     */
    int read(long offset, byte[] into, int max, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (ready <= offset && !failed && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (failed || ready <= offset) {
                return -1;
            }
            int n = (int) Math.min(max, ready - offset);
            System.arraycopy(buffer, (int) offset, into, 0, n);
            return n;
        } finally {
            lock.unlock();
        }
    }
}
