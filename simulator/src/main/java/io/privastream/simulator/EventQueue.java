package io.privastream.simulator;

import java.util.ArrayList;
import java.util.PriorityQueue;

/**
 * The simulation's pending events in (time, sequence) order: a calendar of buckets of about a
 * millisecond each, the current one kept as a small priority queue.
 *
 * <p>Why not one {@link PriorityQueue}: at 100,000 viewers a million events wait at once, and
 * every poll walked twenty heap levels of objects scattered over the heap, a cache miss each
 * (a tenth of the wall time in profiles). Nearly every event is due within a few seconds
 * (round trips, review ticks, settles), so it is appended to its bucket's list in O(1); a
 * bucket is heapified only when the clock reaches it, and its heap, a few hundred events,
 * stays in cache. Events further ahead than the calendar's span (joins, leaves, progress) wait
 * in an ordinary priority queue until their bucket comes up.
 *
 * <p>The order is exactly that of a single priority queue on (time, sequence), so results do not
 * depend on the bucket width. Not thread-safe.
 */
final class EventQueue {
    /** Bucket width: 2^20 ns, about a millisecond. */
    private static final int SHIFT = 20;
    /** Buckets in the calendar: 2^14, about 17 s ahead. */
    private static final int BUCKETS = 1 << 14;

    /** Something to run at {@code at}; ties run in {@code seq} order. */
    record Event(long at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @SuppressWarnings("unchecked")
    private final ArrayList<Event>[] buckets = new ArrayList[BUCKETS];
    private final PriorityQueue<Event> far = new PriorityQueue<>();
    /** The current bucket's events (and any scheduled earlier than it). */
    private final PriorityQueue<Event> current = new PriorityQueue<>();
    /** Index (time >> SHIFT) of the current bucket. */
    private long cursor;
    /** Events in {@code buckets}. */
    private int inCalendar;

    /** Adds {@code e}; its time must not be before the last event taken. */
    void add(Event e) {
        long b = e.at() >> SHIFT;
        if (b <= cursor) {
            current.add(e);
        } else if (b - cursor < BUCKETS) {
            int slot = (int) (b & (BUCKETS - 1));
            ArrayList<Event> list = buckets[slot];
            if (list == null) {
                list = buckets[slot] = new ArrayList<>();
            }
            list.add(e);
            inCalendar++;
        } else {
            far.add(e);
        }
    }

    boolean isEmpty() {
        return current.isEmpty() && inCalendar == 0 && far.isEmpty();
    }

    /** The earliest event, or null when none is left. */
    Event peek() {
        while (current.isEmpty()) {
            if (!advance()) {
                return null;
            }
        }
        return current.peek();
    }

    /** Takes the earliest event, or null when none is left. */
    Event poll() {
        return peek() == null ? null : current.poll();
    }

    /** Moves the cursor to the next bucket that holds something; false when nothing is left. */
    private boolean advance() {
        if (inCalendar == 0) {
            if (far.isEmpty()) {
                return false;
            }
            cursor = far.peek().at() >> SHIFT; // jump the empty stretch
        } else {
            cursor++;
        }
        ArrayList<Event> list = buckets[(int) (cursor & (BUCKETS - 1))];
        if (list != null && !list.isEmpty()) {
            current.addAll(list);
            inCalendar -= list.size();
            list.clear();
        }
        while (!far.isEmpty() && far.peek().at() >> SHIFT <= cursor) {
            current.add(far.poll());
        }
        return true;
    }
}
