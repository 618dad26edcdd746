package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveEdgeHoldbackTest {
    private static final URI URL = URI.create("http://origin/live/manifest.mpd");
    private static final String LIVE = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2026-12-03T08:00:00Z"
                 minimumUpdatePeriod="PT2S" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
              <!-- availabilityStartTime="1970-01-01T00:00:00Z" in a comment stays -->
              <Period id="0" start="PT0S">
                <AdaptationSet contentType="video" mimeType="video/mp4">
                  <SegmentTemplate timescale="1000" duration="2000" startNumber="1" media="chunk-$RepresentationID$-$Number%05d$.m4s" initialization="init-$RepresentationID$.m4s"/>
                  <Representation id="v0" bandwidth="400000" width="640" height="360" codecs="avc1.64001e"/>
                </AdaptationSet>
              </Period>
            </MPD>
            """;

    @Test
    void dynamicMpd_everySegmentAppearsLaterByTheHoldback() {
        String held = LiveEdgeHoldback.delayDash(LIVE, Duration.ofSeconds(2));

        Instant now = Instant.parse("2026-12-03T08:00:10.5Z");
        var original = DashReader.read(LIVE, URL).periods().getFirst().tracks().getFirst().representations().getFirst().segments();
        var shifted = DashReader.read(held, URL).periods().getFirst().tracks().getFirst().representations().getFirst().segments();
        // 10.5 s after the start, 2 s segments: 5 are out; held back by one segment, 4 are shown.
        assertThat(original.available(now)).hasSize(5);
        assertThat(shifted.available(now)).hasSize(4);
        assertThat(shifted.segment(3).orElseThrow().availableAt()).contains(Instant.parse("2026-12-03T08:00:08Z"));
        assertThat(held).contains("availabilityStartTime=\"2026-12-03T08:00:02Z\"", "in a comment stays");
        // Nothing else moved.
        assertThat(held.replace("08:00:02Z", "08:00:00Z")).isEqualTo(LIVE);
    }

    @Test
    void staticMpdOrZeroHoldback_isUnchanged() {
        String vod = LIVE.replace("type=\"dynamic\"", "type=\"static\"");
        assertThat(LiveEdgeHoldback.delayDash(vod, Duration.ofSeconds(2))).isSameAs(vod);
        assertThat(LiveEdgeHoldback.delayDash(LIVE, Duration.ZERO)).isSameAs(LIVE);
        assertThat(LiveEdgeHoldback.delayDash("not xml at all", Duration.ofSeconds(2))).isEqualTo("not xml at all");
    }

    @Test
    void badInput_clearErrors() {
        assertThatThrownBy(() -> LiveEdgeHoldback.delayDash(LIVE.replace("2026-12-03T08:00:00Z", "yesterday"), Duration.ofSeconds(2)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> LiveEdgeHoldback.delayDash(LIVE.replace(" availabilityStartTime=\"2026-12-03T08:00:00Z\"", ""), Duration.ofSeconds(2)))
                .isInstanceOf(ManifestException.class).hasMessageContaining("availabilityStartTime");
        assertThatThrownBy(() -> LiveEdgeHoldback.delayDash(LIVE, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
