package io.privastream.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.playback.BufferThreshold;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlayerConfigTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        PlayerConfig c = PlayerConfig.defaults();
        assertThat(c.abr()).isEqualTo("dynamic");
        assertThat(c.maxBuffer()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.liveDelaySegments()).isEqualTo(3);
        assertThat(c.startThreshold()).isEqualTo(BufferThreshold.ONE_SEGMENT);
        assertThat(c.resumeThreshold()).isEqualTo(BufferThreshold.ONE_SEGMENT);
        assertThat(c.sessionLimit()).isEmpty();
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxRetries()).isEqualTo(3);
    }

    @Test
    void badValues_areRefusedQuotingThem() {
        PlayerConfig c = PlayerConfig.defaults();
        assertThatThrownBy(() -> c.withAbr("fastest")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fastest'");
        assertThatThrownBy(() -> c.withMaxBuffer(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> c.withLiveDelaySegments(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> c.withSessionLimit(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withRequests(Duration.ofSeconds(1), -1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withers_changeOnlyTheirComponent() {
        PlayerConfig c = PlayerConfig.defaults().withAbr("bola").withSessionLimit(Duration.ofMinutes(5));
        assertThat(c.abr()).isEqualTo("bola");
        assertThat(c.sessionLimit()).contains(Duration.ofMinutes(5));
        assertThat(c.maxBuffer()).isEqualTo(PlayerConfig.defaults().maxBuffer());
    }

    @Test
    void play_refusesNonHttpUrls() {
        HeadlessPlayer player = new HeadlessPlayer(PlayerConfig.defaults());
        assertThatThrownBy(() -> player.play(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> player.play(URI.create("manifest.mpd"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlayerPlaysOneSession_evenAFailedOne() {
        HeadlessPlayer player = new HeadlessPlayer(PlayerConfig.defaults().withRequests(Duration.ofSeconds(1), 0, Duration.ZERO));
        // port 1 on loopback: connection refused at once
        PlayerReport report = player.play(URI.create("http://127.0.0.1:1/x/manifest.mpd"));
        assertThat(report.end()).isEqualTo(PlayerReport.End.FAILED);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("ConnectException"));
        assertThatThrownBy(() -> player.play(URI.create("http://127.0.0.1:1/x/manifest.mpd"))).isInstanceOf(IllegalStateException.class);
    }
}
