package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeSetTest {

    @Test
    void add_mergesOverlappingAndAdjacent_andCountsOnlyNewBytes() {
        RangeSet set = new RangeSet();
        assertThat(set.add(new ByteRange(10, 20))).isEqualTo(10);
        assertThat(set.add(new ByteRange(30, 40))).isEqualTo(10);
        assertThat(set.add(new ByteRange(15, 35))).isEqualTo(10);
        assertThat(set.ranges()).containsExactly(new ByteRange(10, 40));
        assertThat(set.add(new ByteRange(40, 50))).isEqualTo(10);
        assertThat(set.ranges()).containsExactly(new ByteRange(10, 50));
        assertThat(set.add(new ByteRange(0, 100))).isEqualTo(60);
        assertThat(set.coveredBytes()).isEqualTo(100);
    }

    @Test
    void missing_listsGapsWithinBounds() {
        RangeSet set = new RangeSet();
        set.add(new ByteRange(10, 20));
        set.add(new ByteRange(30, 40));
        assertThat(set.missing(new ByteRange(0, 50)))
                .containsExactly(new ByteRange(0, 10), new ByteRange(20, 30), new ByteRange(40, 50));
        assertThat(set.missing(new ByteRange(12, 35))).containsExactly(new ByteRange(20, 30));
        assertThat(set.missing(new ByteRange(10, 20))).isEmpty();
        assertThat(set.covers(new ByteRange(11, 19))).isTrue();
        assertThat(set.covers(new ByteRange(11, 21))).isFalse();
        assertThat(set.prefixLength()).isZero();
    }

    @Test
    void randomAdds_matchABitmap() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            RangeSet set = new RangeSet();
            boolean[] bits = new boolean[300];
            for (int i = 0; i < 12; i++) {
                int start = random.nextInt(300);
                int end = start + random.nextInt(300 - start + 1);
                long expectedNew = 0;
                for (int b = start; b < end; b++) {
                    if (!bits[b]) {
                        expectedNew++;
                        bits[b] = true;
                    }
                }
                assertThat(set.add(new ByteRange(start, end))).isEqualTo(expectedNew);
            }
            long covered = 0;
            for (boolean bit : bits) {
                covered += bit ? 1 : 0;
            }
            assertThat(set.coveredBytes()).isEqualTo(covered);
            long missing = set.missing(new ByteRange(0, 300)).stream().mapToLong(ByteRange::length).sum();
            assertThat(missing).isEqualTo(300 - covered);
            List<ByteRange> ranges = set.ranges();
            for (int i = 1; i < ranges.size(); i++) {
                assertThat(ranges.get(i).start()).isGreaterThan(ranges.get(i - 1).end());
            }
        }
    }

    @Test
    void runEnd_isTheEndOfTheRunHoldingTheOffset_orTheOffsetWhenUncovered() {
        RangeSet r = new RangeSet();
        r.add(new ByteRange(0, 100));
        r.add(new ByteRange(200, 300));
        assertThat(r.runEnd(0)).isEqualTo(100);
        assertThat(r.runEnd(99)).isEqualTo(100);
        assertThat(r.runEnd(100)).isEqualTo(100);
        assertThat(r.runEnd(150)).isEqualTo(150);
        assertThat(r.runEnd(200)).isEqualTo(300);
        assertThat(r.runEnd(250)).isEqualTo(300);
        assertThat(r.runEnd(300)).isEqualTo(300);
        r.add(new ByteRange(100, 200));
        assertThat(r.runEnd(50)).isEqualTo(300);
    }

    @Test
    void randomAddsAndRemoves_answerEveryQueryAsABitmap() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            RangeSet set = new RangeSet();
            boolean[] bits = new boolean[120];
            for (int i = 0; i < 20; i++) {
                int start = random.nextInt(120);
                int end = start + random.nextInt(Math.min(40, 120 - start) + 1);
                boolean adding = random.nextInt(3) > 0;
                long changed = 0;
                for (int b = start; b < end; b++) {
                    changed += bits[b] != adding ? 1 : 0;
                    bits[b] = adding;
                }
                ByteRange range = new ByteRange(start, end);
                assertThat(adding ? set.add(range) : set.remove(range)).isEqualTo(changed);
                List<ByteRange> expected = runsOf(bits);
                assertThat(set.ranges()).isEqualTo(expected);
                assertThat(set.coveredBytes()).isEqualTo(expected.stream().mapToLong(ByteRange::length).sum());
                assertThat(set.prefixLength()).isEqualTo(bits[0] ? expected.getFirst().end() : 0);
                int offset = random.nextInt(121);
                long runEnd = offset;
                while (runEnd < 120 && bits[(int) runEnd]) {
                    runEnd++;
                }
                assertThat(set.runEnd(offset)).isEqualTo(runEnd);
                int from = random.nextInt(121);
                ByteRange within = new ByteRange(from, from + random.nextInt(121 - from));
                boolean[] gaps = new boolean[120];
                for (long b = within.start(); b < within.end(); b++) {
                    gaps[(int) b] = !bits[(int) b];
                }
                assertThat(set.missing(within)).isEqualTo(runsOf(gaps));
                assertThat(set.covers(within)).isEqualTo(runsOf(gaps).isEmpty());
            }
        }
    }

    private static List<ByteRange> runsOf(boolean[] bits) {
        List<ByteRange> runs = new java.util.ArrayList<>();
        for (int b = 0; b < bits.length; b++) {
            if (bits[b] && (b == 0 || !bits[b - 1])) {
                int end = b;
                while (end < bits.length && bits[end]) {
                    end++;
                }
                runs.add(new ByteRange(b, end));
            }
        }
        return runs;
    }
}
