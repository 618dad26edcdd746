package io.privastream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    private static final Runnable NOTHING = () -> { };

    @Test
    void pollsInTimeThenSequenceOrder_asOnePriorityQueueWould() {
        SplittableRandom random = new SplittableRandom(7);
        EventQueue calendar = new EventQueue();
        PriorityQueue<EventQueue.Event> reference = new PriorityQueue<>();
        long seq = 0;
        long now = 0;
        List<EventQueue.Event> got = new ArrayList<>();
        List<EventQueue.Event> expected = new ArrayList<>();
        for (int round = 0; round < 20_000; round++) {
            // New events from the current time on: the same instant (a tie), within the bucket,
            // a few buckets on, past the calendar's span, and settles sorting last at an instant.
            int adds = random.nextInt(4);
            for (int i = 0; i < adds; i++) {
                long at = switch (random.nextInt(6)) {
                    case 0 -> now;
                    case 1 -> now + random.nextLong(1_000_000);
                    case 2 -> now + random.nextLong(300_000_000);
                    case 3 -> now + 20_000_000_000L + random.nextLong(60_000_000_000L);
                    case 4 -> (now / 5_000_000 + 1) * 5_000_000;
                    default -> now + random.nextLong(3_000_000_000L);
                };
                EventQueue.Event e = new EventQueue.Event(at, random.nextInt(10) == 0 ? Long.MAX_VALUE - seq : seq, NOTHING);
                seq++;
                calendar.add(e);
                reference.add(e);
            }
            if (random.nextBoolean() && !reference.isEmpty()) {
                assertThat(calendar.peek()).isSameAs(reference.peek());
                EventQueue.Event e = calendar.poll();
                got.add(e);
                expected.add(reference.poll());
                now = e.at();
            }
        }
        while (!reference.isEmpty()) {
            got.add(calendar.poll());
            expected.add(reference.poll());
        }

        assertThat(got).hasSizeGreaterThan(10_000).containsExactlyElementsOf(expected);
        assertThat(calendar.isEmpty()).isTrue();
        assertThat(calendar.poll()).isNull();
    }

    @Test
    void jumpsLongEmptyStretches() {
        EventQueue q = new EventQueue();
        q.add(new EventQueue.Event(3_600_000_000_000L, 1, NOTHING));
        q.add(new EventQueue.Event(5, 0, NOTHING));

        assertThat(q.poll().at()).isEqualTo(5);
        assertThat(q.poll().at()).isEqualTo(3_600_000_000_000L);
        assertThat(q.isEmpty()).isTrue();
    }
}
