package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DownloadTuningTest {
    private final DownloadTuning defaults = DownloadTuning.defaults();

    @Test
    void background_atPeersAndServers_bothWaitTheBackgroundStall() {
        DownloadTuning t = defaults.forBackground(true);

        assertThat(t.stallTimeout()).isEqualTo(DownloadTuning.BACKGROUND_STALL_TIMEOUT);
        assertThat(t.serverStallTimeout()).isEqualTo(DownloadTuning.BACKGROUND_STALL_TIMEOUT);
        assertThat(t.safetyMargin()).isEqualTo(defaults.safetyMargin());
    }

    @Test
    void background_atServersOnly_peersKeepTheirStallTimeout() {
        DownloadTuning t = defaults.forBackground(false);

        assertThat(t.stallTimeout()).isEqualTo(defaults.stallTimeout()).isLessThan(Duration.ofSeconds(1));
        assertThat(t.serverStallTimeout()).isEqualTo(DownloadTuning.BACKGROUND_STALL_TIMEOUT);
    }

    @Test
    void background_neverShortensALongerTimeout() {
        Duration longer = DownloadTuning.BACKGROUND_STALL_TIMEOUT.plusSeconds(10);
        DownloadTuning patient = new DownloadTuning(longer, defaults.minObservation(), defaults.safetyMargin(), defaults.serverLatency(),
                defaults.defaultServerBytesPerSecond(), defaults.maxServerAttempts(), defaults.defaultPeerBytesPerSecond(), defaults.minChunkBytes(),
                longer, defaults.targetShare(), defaults.rescueHeadroom());

        assertThat(patient.forBackground(true).stallTimeout()).isEqualTo(longer);
        assertThat(patient.forBackground(true).serverStallTimeout()).isEqualTo(longer);
    }
}
