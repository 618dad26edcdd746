package io.privastream.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void contentId_isRandomHex_andRejectsUnsafeValues() {
        ContentId a = ContentId.random(new SplittableRandom(1));
        assertThat(a.value()).matches("[0-9a-f]{32}");
        assertThat(ContentId.of(a.toString())).isEqualTo(a);
        assertThatThrownBy(() -> ContentId.of("../etc")).hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> ContentId.of("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentId.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentId.of("bad\nline0000")).hasMessageContaining("\\x0a");
    }

    @Test
    void segmentKey_acceptsRelativePaths_only() {
        ContentId c = ContentId.of("content0001");
        assertThat(new SegmentKey(c, "v/chunk-1.m4s").path()).isEqualTo("v/chunk-1.m4s");
        for (String bad : new String[] {"", "/abs", "a/../b", "..", "a//b", "a\\b", "a?x=1", "a#f", "a\u0000b", "x".repeat(513)}) {
            assertThatThrownBy(() -> new SegmentKey(c, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void segmentNumbers_findTheIndex() {
        assertThat(SegmentNumbers.of("chunk-stream2-00042.m4s")).hasValue(42);
        assertThat(SegmentNumbers.of("hls/seg_120.ts")).hasValue(120);
        assertThat(SegmentNumbers.of("7.m4s")).hasValue(7);
        assertThat(SegmentNumbers.of("init-stream0.m4s")).isEmpty();
        assertThat(SegmentNumbers.of("manifest.mpd")).isEmpty();
        assertThat(SegmentNumbers.of("s" + "9".repeat(30) + ".m4s")).isEmpty();
    }

    @Test
    void byteRange_writesHttpForm() {
        assertThat(new ByteRange(0, 100).toHttpHeader()).isEqualTo("bytes=0-99");
        assertThatThrownBy(() -> new ByteRange(5, 4)).hasMessageContaining("[5, 4)");
    }
}
