package io.privastream.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void paces_toTheConfiguredRate_overALongRun() {
        ManualTicker ticker = new ManualTicker();
        TokenBucket bucket = new TokenBucket(Bandwidth.mbps(8), 10_000, ticker); // 1 MB/s
        long sent = 0;
        // Send 16 KiB chunks, waiting what the bucket says, for 10 virtual seconds.
        while (ticker.nanos() < Duration.ofSeconds(10).toNanos()) {
            long wait = bucket.reserve(16_384);
            ticker.advance(Duration.ofNanos(wait));
            sent += 16_384;
        }
        double rate = sent / (ticker.nanos() / 1e9);
        assertThat(rate).isBetween(990_000.0, 1_010_000.0);
    }

    @Test
    void burst_isFree_thenDebtIsRepaidInOrder() {
        ManualTicker ticker = new ManualTicker();
        TokenBucket bucket = new TokenBucket(Bandwidth.bitsPerSecond(8_000), 1_000, ticker); // 1000 B/s
        assertThat(bucket.reserve(1_000)).isZero();
        assertThat(bucket.reserve(500)).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(bucket.reserve(500)).isEqualTo(Duration.ofMillis(1000).toNanos());
        ticker.advance(Duration.ofSeconds(1));
        assertThat(bucket.available()).isEqualTo(0.0);
    }

    @Test
    void unlimited_neverWaits() {
        TokenBucket bucket = TokenBucket.unlimited(new ManualTicker());
        assertThat(bucket.reserve(Long.MAX_VALUE / 2)).isZero();
    }

    @Test
    void bandwidth_parsesCommonForms_andRoundTrips() {
        assertThat(Bandwidth.parse("10Mbit").bitsPerSecond()).isEqualTo(10_000_000);
        assertThat(Bandwidth.parse("2.5 Mbit/s").bitsPerSecond()).isEqualTo(2_500_000);
        assertThat(Bandwidth.parse("800k").bitsPerSecond()).isEqualTo(800_000);
        assertThat(Bandwidth.parse("1G").bitsPerSecond()).isEqualTo(1_000_000_000);
        assertThat(Bandwidth.parse("12000").bitsPerSecond()).isEqualTo(12_000);
        assertThat(Bandwidth.parse("unlimited").isUnlimited()).isTrue();
        for (String s : new String[] {"10Mbit", "800kbit", "1234bit", "unlimited"}) {
            assertThat(Bandwidth.parse(Bandwidth.parse(s).toString())).isEqualTo(Bandwidth.parse(s));
        }
        assertThatThrownBy(() -> Bandwidth.parse("fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> Bandwidth.parse("-3M")).hasMessageContaining("'-3M'");
    }
}
