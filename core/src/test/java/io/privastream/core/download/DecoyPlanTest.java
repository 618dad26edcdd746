package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecoyPlanTest {

    @Test
    void wholeRate_givesEveryCoverTheRealContentsRate() {
        DecoyPlan plan = new DecoyPlan(2, new SplittableRandom(1));
        assertThat(plan.coverCount()).isEqualTo(2);
        int[] perCover = new int[2];
        for (int q = 0; q < 1000; q++) {
            List<Integer> decoys = plan.decoysFor(2);
            assertThat(decoys).hasSize(2).doesNotHaveDuplicates();
            decoys.forEach(i -> perCover[i]++);
        }
        // 1000 real lookups, 1000 in each cover: the real content has a third of the lookups.
        assertThat(perCover).containsExactly(1000, 1000);
    }

    @Test
    void fractionalRate_addsADecoyWithThatProbability() {
        DecoyPlan plan = new DecoyPlan(0.5, new SplittableRandom(2));
        assertThat(plan.coverCount()).isEqualTo(1);
        int decoys = 0;
        for (int q = 0; q < 10_000; q++) {
            decoys += plan.decoysFor(1).size();
        }
        assertThat(decoys).isBetween(4_700, 5_300);
    }

    @Test
    void noRateOrNoCover_meansNoDecoy_andCoversAreChosenAmongCandidates() {
        assertThat(new DecoyPlan(0, new SplittableRandom(3)).decoysFor(4)).isEmpty();
        assertThat(new DecoyPlan(3, new SplittableRandom(3)).decoysFor(0)).isEmpty();
        DecoyPlan plan = new DecoyPlan(3, new SplittableRandom(4));
        assertThat(plan.chooseCovers(List.of("a", "b", "c", "d", "e"))).hasSize(3).doesNotHaveDuplicates().isSubsetOf("a", "b", "c", "d", "e");
        assertThat(plan.chooseCovers(List.of("a"))).containsExactly("a");
        assertThat(plan.decoysFor(1)).containsExactly(0);
    }

    @Test
    void sameSeed_sameChoices() {
        DecoyPlan a = new DecoyPlan(1.5, new SplittableRandom(9));
        DecoyPlan b = new DecoyPlan(1.5, new SplittableRandom(9));
        for (int q = 0; q < 100; q++) {
            assertThat(a.decoysFor(2)).isEqualTo(b.decoysFor(2));
        }
    }

    @Test
    void rateOutsideRange_isRefused() {
        assertThatThrownBy(() -> new DecoyPlan(9, new SplittableRandom(1))).hasMessageContaining("9");
        assertThatThrownBy(() -> new DecoyPlan(-1, new SplittableRandom(1))).hasMessageContaining("-1");
    }

    @Test
    void eachCover_hasOneLag_withinTheBounds_drawnFromTheSeed() {
        DecoyPlan plan = new DecoyPlan(2, new SplittableRandom(5));
        double first = plan.lagShare(0);
        double second = plan.lagShare(1);
        assertThat(first).isBetween(DecoyPlan.MIN_LAG, DecoyPlan.MAX_LAG);
        assertThat(second).isBetween(DecoyPlan.MIN_LAG, DecoyPlan.MAX_LAG).isNotEqualTo(first);
        assertThat(plan.lagShare(0)).isEqualTo(first);
        assertThat(new DecoyPlan(2, new SplittableRandom(5)).lagShare(0)).isEqualTo(first);
    }
}
