package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.media.Ffmpeg;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An unmodified ffprobe reads the live stream, DASH and HLS, through an agent. */
class FfprobeThroughAgentIT {

    @Test
    void ffprobe_readsDashAndHls_throughAnAgent() throws Exception {
        try (LocalCluster c = new LocalCluster(LocalCluster.Settings.defaults().withLadder(Ladder.tiny())
                .withPackager(PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1))))) {
            c.start(Duration.ofSeconds(60));
            c.awaitSegments(3, Duration.ofSeconds(60));
            try (Agent agent = new Agent(AgentConfig.builder().playerPort(0).peerHost("127.0.0.1")
                    .manifestServer(c.origin().baseUrls().getFirst()).seed(5).build()).start()) {
                Ffmpeg f = FfmpegLocator.locate();
                for (String manifest : new String[] {"manifest.mpd", "master.m3u8"}) {
                    String out = ffprobe(f, agent.playerUrl(c.content(), manifest).toString());
                    assertThat(out).as(manifest).contains("codec_name=h264|width=480|height=270").contains("codec_name=aac");
                }
                assertThat(agent.stats().bytesToPlayers()).isPositive();
                assertThat(agent.stats().failedRequests()).isZero();
            }
        }
    }

    private static String ffprobe(Ffmpeg f, String url) throws Exception {
        Process p = new ProcessBuilder(f.ffprobe().toString(), "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "compact", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ffprobe finished").isTrue();
        return out;
    }
}
