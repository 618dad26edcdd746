package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThirdPartySourceIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private StaticServer site;
    private StaticServer cdn;
    private Agent agent;
    private final byte[] segment = new byte[120_000];

    @BeforeEach
    void setUp() {
        site = new StaticServer();
        cdn = new StaticServer();
        new Random(5).nextBytes(segment);
        cdn.files.put("/media/seg-1.m4s", segment);
        cdn.files.put("/media/init.m4s", new byte[] {1, 2, 3});
        site.files.put("/shows/live.mpd", ("""
                <?xml version="1.0"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT4S" maxSegmentDuration="PT2S" minBufferTime="PT2S">
                  <Period>
                    <BaseURL>%s</BaseURL>
                    <AdaptationSet contentType="video" mimeType="video/mp4">
                      <Representation id="v" bandwidth="480000" width="640" height="360">
                        <SegmentTemplate media="seg-$Number$.m4s" initialization="init.m4s" startNumber="1" duration="2" timescale="1"/>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """.formatted(cdn.url("/media/"))).getBytes(StandardCharsets.UTF_8));
        agent = new Agent(AgentConfig.builder().playerPort(0).peerHost("127.0.0.1").seed(9).build()).start();
    }

    @AfterEach
    void tearDown() {
        agent.close();
        site.close();
        cdn.close();
    }

    private HttpResponse<String> getText(URI u) throws Exception {
        return client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anyOrigin_playsThroughTheAgent_withForeignUrlsRoutedBack() throws Exception {
        URI manifest = site.url("/shows/live.mpd");
        HttpResponse<String> opened = getText(agent.playerBase().resolve("_agent/open?url=" + manifest));
        assertThat(opened.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("\"playerUrl\":\"([^\"]+)\"").matcher(opened.body());
        assertThat(m.find()).isTrue();
        URI playerUrl = URI.create(m.group(1));
        assertThat(playerUrl.getPath()).isEqualTo("/" + ThirdPartySources.idOf(manifest) + "/live.mpd");

        String mpd = getText(playerUrl).body();
        Matcher base = Pattern.compile("<BaseURL>([^<]+)</BaseURL>").matcher(mpd);
        assertThat(base.find()).isTrue();
        assertThat(base.group(1)).startsWith("/" + ThirdPartySources.idOf(manifest) + "/_x/").endsWith("/");
        assertThat(mpd).doesNotContain(cdn.url("/").toString());

        HttpResponse<byte[]> seg = client.send(HttpRequest.newBuilder(playerUrl.resolve(base.group(1) + "seg-1.m4s")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(seg.statusCode()).isEqualTo(200);
        assertThat(seg.body()).isEqualTo(segment);
        assertThat(Split.of(seg).serverBytes()).isEqualTo(segment.length);

        // Only prefixes named by the content's manifests are fetched: no open proxy.
        assertThat(getText(playerUrl.resolve("/" + ThirdPartySources.idOf(manifest) + "/_x/0123456789abcdef/passwd")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void badSources_getClearErrors() throws Exception {
        assertThat(getText(agent.playerBase().resolve("_agent/open")).statusCode()).isEqualTo(400);
        assertThat(getText(agent.playerBase().resolve("_agent/open?url=ftp://x/y.mpd")).statusCode()).isEqualTo(400);
        HttpResponse<String> missing = getText(agent.playerBase().resolve("_agent/open?url=" + site.url("/nope.mpd")));
        assertThat(missing.statusCode()).isEqualTo(502);
        assertThat(missing.body()).contains("404");
        site.files.put("/junk.mpd", "<MPD><Period><oops".getBytes(StandardCharsets.UTF_8));
        assertThat(getText(agent.playerBase().resolve("_agent/open?url=" + site.url("/junk.mpd"))).statusCode()).isEqualTo(502);
    }
}
