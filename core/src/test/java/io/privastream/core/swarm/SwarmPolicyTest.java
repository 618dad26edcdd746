package io.privastream.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwarmPolicyTest {

    @Test
    void defaults_areTheDocumentedValues() {
        SwarmPolicy policy = SwarmPolicy.defaults();

        assertThat(policy.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.peerTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.liveWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.defaultHolders()).isEqualTo(8);
        assertThat(policy.maxHolders()).isEqualTo(50);
        assertThat(policy.maxSwarms()).isEqualTo(10_000);
        assertThat(policy.maxPeersPerSwarm()).isEqualTo(50_000);
        assertThat(policy.maxHoldingsPerPeer()).isEqualTo(10_000);
        assertThat(policy.maxEndpointLength()).isEqualTo(1024);
    }

    @Test
    void toBuilder_keepsEveryValue() {
        SwarmPolicy policy = SwarmPolicy.builder().maxSwarms(3).maxHolders(9).defaultHolders(2)
                .peerTimeout(Duration.ofSeconds(20)).build();

        assertThat(policy.toBuilder().build()).isEqualTo(policy);
    }

    @Test
    void timeoutShorterThanHeartbeat_isRejectedQuotingBoth() {
        assertThatThrownBy(() -> SwarmPolicy.builder().peerTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1S").hasMessageContaining("PT5S");
    }

    @Test
    void subMillisecondDurations_areRejected() {
        assertThatThrownBy(() -> SwarmPolicy.builder().liveWindow(Duration.ofNanos(999_999)).build())
                .hasMessageContaining("liveWindow");
        assertThatThrownBy(() -> SwarmPolicy.builder().heartbeatInterval(Duration.ZERO).build())
                .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> SwarmPolicy.builder().peerTimeout(null).build())
                .hasMessageContaining("peerTimeout");
    }

    @Test
    void defaultHoldersOutsideOneToMax_isRejected() {
        assertThatThrownBy(() -> SwarmPolicy.builder().defaultHolders(51).build()).hasMessageContaining("51");
        assertThatThrownBy(() -> SwarmPolicy.builder().defaultHolders(0).build()).hasMessageContaining("0");
    }

    @Test
    void nonPositiveBounds_areRejectedByName() {
        assertThatThrownBy(() -> SwarmPolicy.builder().maxSwarms(0).build()).hasMessageContaining("maxSwarms");
        assertThatThrownBy(() -> SwarmPolicy.builder().maxPeersPerSwarm(-1).build()).hasMessageContaining("maxPeersPerSwarm");
        assertThatThrownBy(() -> SwarmPolicy.builder().maxHoldingsPerPeer(0).build()).hasMessageContaining("maxHoldingsPerPeer");
        assertThatThrownBy(() -> SwarmPolicy.builder().maxEndpointLength(0).build()).hasMessageContaining("maxEndpointLength");
    }
}
