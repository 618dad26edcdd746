package io.privastream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwarmNamesTest {
    private static final ContentId CONTENT = ContentId.of("0123456789abcdef0123456789abcdef");
    private static final String KEY = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    @Test
    void names_areStable_opaque_andValidTrackerIds() {
        SwarmNames a = SwarmNames.of(CONTENT, Optional.of(KEY));
        SwarmNames b = SwarmNames.of(CONTENT, Optional.of(KEY));
        assertThat(a.swarm()).isEqualTo(b.swarm()).isNotEqualTo(CONTENT);
        assertThat(a.swarm().value()).hasSize(32).doesNotContain(CONTENT.value().substring(0, 8));
        String object = a.object("video/720p/chunk-stream2-00042.m4s");
        assertThat(object).hasSize(32).isEqualTo(b.object("video/720p/chunk-stream2-00042.m4s"));
        assertThat(SegmentKey.checkPath(object)).isEqualTo(object);
        assertThat(a.object("video/720p/chunk-stream2-00043.m4s")).isNotEqualTo(object);
    }

    @Test
    void anotherKey_orNoKey_givesOtherNames() {
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        SwarmNames keyed = SwarmNames.of(CONTENT, Optional.of(KEY));
        assertThat(SwarmNames.of(CONTENT, Optional.of(other)).swarm()).isNotEqualTo(keyed.swarm());
        assertThat(SwarmNames.of(CONTENT, Optional.empty()).swarm()).isNotEqualTo(keyed.swarm());
        assertThat(SwarmNames.of(ContentId.of("fedcba9876543210"), Optional.empty()).swarm())
                .isNotEqualTo(SwarmNames.of(CONTENT, Optional.empty()).swarm());
    }

    @Test
    void badKeys_areRefusedWithTheContentNamed() {
        assertThatThrownBy(() -> SwarmNames.of(CONTENT, Optional.of("not base64!"))).hasMessageContaining(CONTENT.value());
        assertThatThrownBy(() -> SwarmNames.of(CONTENT, Optional.of("AAAA"))).hasMessageContaining("3 bytes");
    }
}
