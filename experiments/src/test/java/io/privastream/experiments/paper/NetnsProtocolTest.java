package io.privastream.experiments.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privastream.agent.AgentStats;
import io.privastream.core.playback.PlaybackState;
import io.privastream.core.playback.QoeReport;
import io.privastream.core.playback.TimelineSample;
import io.privastream.manifest.ManifestKind;
import io.privastream.player.PlayerProgress;
import io.privastream.player.PlayerReport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a netns viewer's process and the experiment send each other survives the trip as JSON
 * unchanged; runs everywhere, unlike {@code NetnsIT}, which needs root.
 */
class NetnsProtocolTest {
    private final ObjectMapper json = NetnsViewer.mapper();

    @Test
    void playerReport_roundTrips_withItsTimeline() throws Exception {
        QoeReport qoe = new QoeReport(true, 1234, 2, 900, 0.5, 0.01, 1456.5, 3, 0.75, 240_000, 241_234, 5_000_000, 3_000_000, 6100, 8000,
                false, List.of(new TimelineSample(Duration.ofMillis(5000), PlaybackState.PLAYING, Duration.ofMillis(5800), 1_500_000,
                        Duration.ofMillis(3766), Duration.ZERO), new TimelineSample(Duration.ofMillis(10_000), PlaybackState.STALLED,
                        Duration.ZERO, 800_000, Duration.ofMillis(8000), Duration.ofMillis(766))));
        PlayerReport report = new PlayerReport(URI.create("http://127.0.0.1:8800/abcdefgh12/manifest.mpd"), Optional.of(ManifestKind.DASH), true,
                PlayerReport.End.STOPPED, Optional.empty(), qoe, 310, 2, 8_123_456, 1);

        assertThat(json.readValue(json.writeValueAsString(report), PlayerReport.class)).isEqualTo(report);
    }

    @Test
    void countersAndProgress_roundTrip() throws Exception {
        AgentStats stats = new AgentStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        PlayerProgress progress = new PlayerProgress(Duration.ofMillis(61_500), PlaybackState.PLAYING, Duration.ofMillis(6_250), 1_500_000,
                2_100_000, 1, 77, 0);

        assertThat(json.readValue(json.writeValueAsString(stats), AgentStats.class)).isEqualTo(stats);
        assertThat(json.readValue(json.writeValueAsString(progress), PlayerProgress.class)).isEqualTo(progress);
    }

    @Test
    void spec_carriesTheScenarioAsRun() throws Exception {
        Scenario scaled = Scenario.paper().scaled(0.5);
        NetnsViewerMain.Spec spec = new NetnsViewerMain.Spec(scaled, "priva-stream", 0.5, 2, 3, "10.77.1.4", "http://10.77.0.1:8080/",
                "abcdefgh12", "https://10.77.0.1:7070/", null, null);

        NetnsViewerMain.Spec back = json.readValue(json.writeValueAsString(spec), NetnsViewerMain.Spec.class);
        assertThat(back).isEqualTo(spec);
        assertThat(back.scenario().segmentSeconds()).isEqualTo(1.0);
    }
}
