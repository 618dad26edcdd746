package io.privastream.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.swarm.SwarmPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {

    @Test
    void defaults_areTheDocumentedValues() {
        TrackerConfig config = TrackerConfig.defaults();

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.policy()).isEqualTo(SwarmPolicy.defaults());
        assertThat(config.maxRequestBodyBytes()).isEqualTo(256 * 1024);
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.tls()).isTrue();
        assertThat(config.addresses()).isEqualTo(AddressMode.SEALED);
        assertThat(config.handleLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.identityFile()).isEmpty();
        assertThat(config.sealingKeyFile()).isEmpty();
    }

    @Test
    void addressMode_parsesItsSpellings_andQuotesABadOne() {
        for (AddressMode m : AddressMode.values()) {
            assertThat(AddressMode.parse(m.spelling())).isEqualTo(m);
        }
        assertThatThrownBy(() -> AddressMode.parse("hidden")).hasMessageContaining("'hidden'");
    }

    @Test
    void toBuilder_keepsEveryValue() {
        TrackerConfig config = TrackerConfig.builder().host("127.0.0.1").port(0).maxRequestBodyBytes(10)
                .sweepInterval(Duration.ofMillis(5)).policy(SwarmPolicy.builder().maxSwarms(2).build()).tls(false)
                .addresses(AddressMode.RELAYED_ONLY).identityFile(java.nio.file.Path.of("id.pem")).sealingKeyFile(java.nio.file.Path.of("k"))
                .handleLifetime(Duration.ofSeconds(9)).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void invalidValues_areRejectedQuotingThem() {
        assertThatThrownBy(() -> TrackerConfig.builder().port(70_000).build()).hasMessageContaining("70000");
        assertThatThrownBy(() -> TrackerConfig.builder().port(-1).build()).hasMessageContaining("-1");
        assertThatThrownBy(() -> TrackerConfig.builder().host(" ").build()).hasMessageContaining("host");
        assertThatThrownBy(() -> TrackerConfig.builder().maxRequestBodyBytes(0).build()).hasMessageContaining("maxRequestBodyBytes");
        assertThatThrownBy(() -> TrackerConfig.builder().sweepInterval(Duration.ZERO).build()).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> TrackerConfig.builder().policy(null).build()).hasMessageContaining("policy");
    }
}
