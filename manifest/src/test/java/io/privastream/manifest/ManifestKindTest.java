package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestKindTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void contentDecides_evenAgainstTheName() {
        assertThat(ManifestKind.sniff(bytes("\uFEFF  #EXTM3U\n#EXT-X-VERSION:3"), "x.mpd")).contains(ManifestKind.HLS);
        assertThat(ManifestKind.sniff(bytes("<?xml version=\"1.0\"?>\n<!-- hi -->\n<MPD type=\"static\">"), "x.m3u8"))
                .contains(ManifestKind.DASH);
        assertThat(ManifestKind.sniff(bytes("<dash:MPD xmlns:dash=\"urn:mpeg:dash:schema:mpd:2011\">"), "")).contains(ManifestKind.DASH);
    }

    @Test
    void nameOrContentType_decidesWhenContentSaysNothing() {
        assertThat(ManifestKind.sniff(new byte[0], "/abc/manifest.mpd?token=1")).contains(ManifestKind.DASH);
        assertThat(ManifestKind.sniff(new byte[0], "application/dash+xml; charset=utf-8")).contains(ManifestKind.DASH);
        assertThat(ManifestKind.sniff(bytes("garbage"), "/abc/master.m3u8")).contains(ManifestKind.HLS);
        assertThat(ManifestKind.sniff(new byte[0], "application/vnd.apple.mpegURL")).contains(ManifestKind.HLS);
        assertThat(ManifestKind.sniff(bytes("garbage"), "/abc/seg.m4s")).isEmpty();
        assertThat(ManifestKind.sniff(bytes("<html><body>"), "")).isEmpty();
    }
}
