package io.privastream.agent;

import io.privastream.core.media.ByteRange;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An object still being downloaded, readable as its bytes arrive, so the agent can relay it to
 * peers before it is complete (cut-through, as a pending holder). A reader may start anywhere:
 * peers ask different parents for different parts of one object, and each part arrives here
 * from its own source, not in order from offset 0.
 *
 * <p>One writer (the download) publishes its buffer and which runs of bytes are final; readers
 * wait for the byte they need. Thread-safe.
 */
final class GrowingObject {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] buffer = new byte[0];
    private long size = -1;
    /** Runs of final bytes, in order and disjoint. */
    private List<ByteRange> ready = List.of();
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

    /** The runs {@code final} (in order, disjoint) of {@code current} are final. Ignored once failed. */
    void progress(byte[] current, List<ByteRange> runs) {
        lock.lock();
        try {
            if (failed) {
                return;
            }
            buffer = current;
            if (!runs.equals(ready)) {
                ready = List.copyOf(runs);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The end of the final run holding {@code offset}, or {@code offset} when that byte is not final yet; the lock is held. */
    private long readyFrom(long offset) {
        for (ByteRange r : ready) {
            if (r.start() <= offset && offset < r.end()) {
                return r.end();
            }
        }
        return offset;
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
            ready = List.of(new ByteRange(0, data.length));
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
            while (readyFrom(offset) <= offset && !failed && left > 0) {
                left = changed.awaitNanos(left);
            }
            long end = readyFrom(offset);
            if (failed || end <= offset) {
                return -1;
            }
            int n = (int) Math.min(max, end - offset);
            System.arraycopy(buffer, (int) offset, into, 0, n);
            return n;
        } finally {
            lock.unlock();
        }
    }
}
