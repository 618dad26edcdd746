package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InferredDeadlineTest {
    private static final ContentId C = ContentId.of("content0001");
    private static final long SEG = Duration.ofSeconds(2).toNanos();
    private static final long MS = 1_000_000L;

    @Test
    void firstRequest_getsMinimumLead() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        assertThat(p.deadline(C, OptionalLong.of(100), SEG, 0)).isEqualTo(1000 * MS);
    }

    @Test
    void bufferBuiltByQuickRequests_extendsTheLead_upToTheCap() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        p.deadline(C, OptionalLong.of(100), SEG, 0);
        // Two segments (4 s of media) received after 0.2 s: ~3.8 s buffered, 1 s reserve -> 2.8 s lead.
        assertThat(p.deadline(C, OptionalLong.of(102), SEG, 200 * MS)).isEqualTo(200 * MS + 2800 * MS);
        // Ten segments ahead: capped at 2 segment durations.
        assertThat(p.deadline(C, OptionalLong.of(110), SEG, 300 * MS)).isEqualTo(300 * MS + 4000 * MS);
    }

    @Test
    void steadyStatePlayer_oneSegmentPerDuration_keepsItsBuffer() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        p.deadline(C, OptionalLong.of(0), SEG, 0);
        p.deadline(C, OptionalLong.of(1), SEG, 100 * MS);
        p.deadline(C, OptionalLong.of(2), SEG, 200 * MS);
        // Later, asking segment n at about 2n s keeps ~3 segments - elapsed... buffer = 2*n*2s - t.
        long t = 20_000 * MS;
        long deadline = p.deadline(C, OptionalLong.of(12), SEG, t);
        // received 24 s, played 20 s -> 4 s buffer - 1 s reserve = 3 s lead
        assertThat(deadline - t).isEqualTo(3000 * MS);
    }

    @Test
    void afterAStall_theBufferIsInferredAgain_notAssumedEmptyForever() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        p.deadline(C, OptionalLong.of(0), SEG, 0);
        // Segment 1 is asked only at 10 s: the player stalled about 8 s waiting for segment 0's bytes.
        assertThat(p.deadline(C, OptionalLong.of(1), SEG, 10_000 * MS)).isEqualTo(10_000 * MS + 1000 * MS);
        // Then it catches up: segments 2 and 3 come quickly.
        p.deadline(C, OptionalLong.of(2), SEG, 10_100 * MS);
        long t = 10_200 * MS;
        // Playback counted from the corrected start (8 s): received 6 s, played 2.2 s -> 3.8 s,
        // less 1 s reserve = 2.8 s. Uncorrected it would be 6 s - 10.2 s < 0: the minimum lead,
        // for this and every later request.
        assertThat(p.deadline(C, OptionalLong.of(3), SEG, t) - t).isEqualTo(2800 * MS);
    }

    @Test
    void seekBackwards_restartsTheCount() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        p.deadline(C, OptionalLong.of(50), SEG, 0);
        p.deadline(C, OptionalLong.of(53), SEG, 100 * MS);
        assertThat(p.deadline(C, OptionalLong.of(10), SEG, 200 * MS)).isEqualTo(200 * MS + 1000 * MS);
    }

    @Test
    void initSegment_getsMinimumLead_withoutDisturbingTheCount() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        p.deadline(C, OptionalLong.of(0), SEG, 0);
        assertThat(p.deadline(C, OptionalLong.empty(), SEG, 10 * MS)).isEqualTo(1010 * MS);
        assertThat(p.deadline(C, OptionalLong.of(2), SEG, 20 * MS)).isEqualTo(20 * MS + 2980 * MS);
    }

    @Test
    void parse_readsBothForms_andRejectsJunk() {
        assertThat(DeadlinePolicy.parse("inferred").name()).isEqualTo("inferred");
        DeadlinePolicy fixed = DeadlinePolicy.parse("fixed:1500ms");
        assertThat(fixed.deadline(C, OptionalLong.of(1), SEG, 7)).isEqualTo(7 + 1500 * MS);
        assertThatThrownBy(() -> DeadlinePolicy.parse("soonish")).hasMessageContaining("'soonish'");
        assertThatThrownBy(() -> DeadlinePolicy.parse("fixed:abc")).hasMessageContaining("'abc'");
    }

    @Test
    void shorterLongestLead_capsTheDeadline_andParses() {
        DeadlinePolicy p = DeadlinePolicy.parse("inferred:0.5");
        assertThat(p.name()).isEqualTo("inferred:0.5");
        p.deadline(C, OptionalLong.of(100), SEG, 0);
        // Ten segments buffered would grant 2 segment durations by default; here half of one.
        assertThat(p.deadline(C, OptionalLong.of(110), SEG, 300 * MS)).isEqualTo(300 * MS + 1000 * MS);
        assertThatThrownBy(() -> DeadlinePolicy.parse("inferred:3")).hasMessageContaining("0.1-2");
        assertThatThrownBy(() -> DeadlinePolicy.parse("inferred:x")).hasMessageContaining("'inferred:x'");
    }

    @Test
    void playerWaits_atItsFirstSegment_andAfterAStall_notWithSomethingBuffered() {
        DeadlinePolicy p = DeadlinePolicy.inferred();
        DeadlinePolicy.Due first = p.due(C, OptionalLong.of(100), SEG, 0);
        assertThat(first).isEqualTo(new DeadlinePolicy.Due(1000 * MS, true));
        // The other track's first segment, asked right after: nothing of it buffered either.
        assertThat(p.due(C, OptionalLong.of(100), SEG, 50 * MS).playerWaiting()).isTrue();
        // Two segments in after 0.2 s: buffered.
        assertThat(p.due(C, OptionalLong.of(102), SEG, 200 * MS).playerWaiting()).isFalse();
        // Segment 103 only at 10 s: it played everything it had and stalled.
        assertThat(p.due(C, OptionalLong.of(103), SEG, 10_000 * MS).playerWaiting()).isTrue();
        // Init segments carry no index: never known to be waited for.
        assertThat(p.due(C, OptionalLong.empty(), SEG, 10_100 * MS).playerWaiting()).isFalse();
        // A fixed policy cannot tell.
        assertThat(DeadlinePolicy.fixed(Duration.ofSeconds(1)).due(C, OptionalLong.of(0), SEG, 0).playerWaiting()).isFalse();
    }
}
