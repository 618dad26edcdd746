package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import org.junit.jupiter.api.Test;

class SizeHintsTest {
    private static final ContentId C = ContentId.of("c0ffee0123456789");

    @Test
    void track_dropsTheSegmentNumberOnly() {
        assertThat(SizeHints.track(C, "chunk-stream2-00042.m4s")).isEqualTo(C + "/chunk-stream2-#.m4s");
        assertThat(SizeHints.track(C, "v/720p/seg_7.m4s")).isEqualTo(C + "/v/720p/seg_#.m4s");
        assertThat(SizeHints.track(C, "init.mp4")).isEqualTo(C + "/init.mp4");
    }

    @Test
    void hint_isTheLastSizeOfTheSameTrack_notOfAnother() {
        SizeHints hints = new SizeHints(8);
        hints.record(new SegmentKey(C, "chunk-stream2-00041.m4s"), 700_000);
        hints.record(new SegmentKey(C, "chunk-stream0-00041.m4s"), 200_000);

        assertThat(hints.hint(new SegmentKey(C, "chunk-stream2-00042.m4s"))).hasValue(700_000);
        assertThat(hints.hint(new SegmentKey(C, "chunk-stream1-00042.m4s"))).isEmpty();
    }

    @Test
    void capacity_forgetsTheLeastRecentlyUsedTrack() {
        SizeHints hints = new SizeHints(1);
        hints.record(new SegmentKey(C, "a-1.m4s"), 10);
        hints.record(new SegmentKey(C, "b-1.m4s"), 20);

        assertThat(hints.hint(new SegmentKey(C, "a-2.m4s"))).isEmpty();
        assertThat(hints.hint(new SegmentKey(C, "b-2.m4s"))).hasValue(20);
    }
}
