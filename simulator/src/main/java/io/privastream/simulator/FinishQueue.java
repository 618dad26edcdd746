package io.privastream.simulator;

import java.util.Arrays;

/**
 * Flows ordered by when they finish: an indexed binary min-heap, so a flow whose finish moves
 * (its rate changed) is moved in place instead of leaving a stale event behind. Ties go to the
 * flow scheduled first, which keeps runs deterministic.
 */
final class FinishQueue {
    private FlowNetwork.Flow[] heap = new FlowNetwork.Flow[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    FlowNetwork.Flow peek() {
        return heap[0];
    }

    /** Puts {@code f} at {@code atNanos} (tie-break {@code seq}), adding it or moving it. */
    void schedule(FlowNetwork.Flow f, long atNanos, long seq) {
        f.scheduledNanos = atNanos;
        f.scheduledSeq = seq;
        if (f.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            f.heapIndex = size;
            heap[size++] = f;
        }
        up(f.heapIndex);
        down(f.heapIndex);
    }

    /** Takes {@code f} out, if it is in. */
    void remove(FlowNetwork.Flow f) {
        int i = f.heapIndex;
        if (i < 0) {
            return;
        }
        f.heapIndex = -1;
        f.scheduledNanos = Long.MAX_VALUE;
        FlowNetwork.Flow last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            up(i);
            down(last.heapIndex);
        }
    }

    private static boolean before(FlowNetwork.Flow a, FlowNetwork.Flow b) {
        return a.scheduledNanos < b.scheduledNanos || a.scheduledNanos == b.scheduledNanos && a.scheduledSeq < b.scheduledSeq;
    }

    private void up(int i) {
        FlowNetwork.Flow f = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(f, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].heapIndex = i;
            i = parent;
        }
        heap[i] = f;
        f.heapIndex = i;
    }

    private void down(int i) {
        FlowNetwork.Flow f = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], f)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = f;
        f.heapIndex = i;
    }
}
