package io.privastream.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parse_readsShortAndIsoForms() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> Durations.parse("s")).hasMessageContaining("'s'");
        assertThatThrownBy(() -> Durations.parse("10 parsecs")).hasMessageContaining("'10 parsecs'");
    }

    @Test
    void manualTicker_onlyMovesForward() {
        ManualTicker t = new ManualTicker();
        t.advance(Duration.ofMillis(3));
        assertThat(t.millis()).isEqualTo(3);
        assertThatThrownBy(() -> t.set(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
