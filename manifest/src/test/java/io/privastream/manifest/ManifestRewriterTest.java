package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ManifestRewriterTest {
    private static final URI MPD_URL = URI.create("https://origin.example/content/abc/manifest.mpd");
    private static final URI M3U8_URL = URI.create("https://origin.example/content/abc/master.m3u8");

    /** What the agent does: route every absolute URL through itself, keeping host and path visible for the test. */
    private static final Function<URI, String> AGENT = u -> "http://127.0.0.1:8800/abc/_abs/" + u.getHost() + u.getRawPath()
            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());

    @Test
    void dash_rewritesEveryUrlPlace_andKeepsEverythingElseByteForByte() {
        String mpd = """
                <?xml version="1.0" encoding="utf-8"?>
                <!-- http://comment.example/untouched.mpd -->
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:xlink="http://www.w3.org/1999/xlink" type="dynamic">
                \t<Location>  https://origin.example/content/abc/manifest.mpd  </Location>
                \t<BaseURL>https://cdn.example/base/</BaseURL>
                \t<Period id="0" xlink:href="https://ads.example/period.xml">
                \t\t<BaseURL>relative/</BaseURL>
                \t\t<AdaptationSet id="0" contentType="video">
                \t\t\t<SegmentTemplate timescale="12800" initialization='https://cdn.example/v/init-$RepresentationID$.m4s'
                \t\t\t    media="https://cdn.example/v/chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
                \t\t\t<Representation id="0" bandwidth="800000"/>
                \t\t</AdaptationSet>
                \t\t<AdaptationSet id="1" contentType="audio">
                \t\t\t<Representation id="3" bandwidth="128000">
                \t\t\t\t<SegmentList duration="2">
                \t\t\t\t\t<Initialization sourceURL="https://cdn.example/a/init.mp4" range="0-99"/>
                \t\t\t\t\t<SegmentURL media="https://cdn.example/a/1.m4s?sig=x&amp;exp=1" mediaRange="100-999"/>
                \t\t\t\t\t<SegmentURL media="a/2.m4s"/>
                \t\t\t\t</SegmentList>
                \t\t\t</Representation>
                \t\t</AdaptationSet>
                \t</Period>
                </MPD>
                """;
        List<URI> seen = new ArrayList<>();
        String out = ManifestRewriter.rewriteDash(mpd, MPD_URL, u -> {
            seen.add(u);
            return AGENT.apply(u);
        });

        String expected = mpd
                .replace("  https://origin.example/content/abc/manifest.mpd  ", "  http://127.0.0.1:8800/abc/_abs/origin.example/content/abc/manifest.mpd  ")
                .replace(">https://cdn.example/base/<", ">http://127.0.0.1:8800/abc/_abs/cdn.example/base/<")
                .replace("\"https://ads.example/period.xml\"", "\"http://127.0.0.1:8800/abc/_abs/ads.example/period.xml\"")
                .replace("'https://cdn.example/v/init-$RepresentationID$.m4s'", "'http://127.0.0.1:8800/abc/_abs/cdn.example/v/init-$RepresentationID$.m4s'")
                .replace("\"https://cdn.example/v/chunk-$RepresentationID$-$Number%05d$.m4s\"",
                        "\"http://127.0.0.1:8800/abc/_abs/cdn.example/v/chunk-$RepresentationID$-$Number%05d$.m4s\"")
                .replace("\"https://cdn.example/a/init.mp4\"", "\"http://127.0.0.1:8800/abc/_abs/cdn.example/a/init.mp4\"")
                .replace("\"https://cdn.example/a/1.m4s?sig=x&amp;exp=1\"", "\"http://127.0.0.1:8800/abc/_abs/cdn.example/a/1.m4s?sig=x&amp;exp=1\"");
        assertThat(out).isEqualTo(expected);
        assertThat(seen).hasSize(7);
        // entities are decoded before the function sees the URL
        assertThat(seen).contains(URI.create("https://cdn.example/a/1.m4s?sig=x&exp=1"));
        assertThat(out).contains("<!-- http://comment.example/untouched.mpd -->", "<BaseURL>relative/</BaseURL>", "media=\"a/2.m4s\"");
    }

    @Test
    void dash_relativeOnlyManifest_isReturnedUnchanged_andTheFunctionNeverCalled() {
        String mpd = Fixtures.text("ffmpeg/vod.mpd");
        String out = ManifestRewriter.rewriteDash(mpd, MPD_URL, u -> {
            throw new AssertionError("called for " + u);
        });
        assertThat(out).isEqualTo(mpd);
    }

    @Test
    void dash_networkPathReference_isResolvedAgainstTheManifestAndRewritten() {
        String out = ManifestRewriter.rewriteDash("<MPD><BaseURL>//cdn.example/x/</BaseURL></MPD>", MPD_URL, AGENT);
        assertThat(out).isEqualTo("<MPD><BaseURL>http://127.0.0.1:8800/abc/_abs/cdn.example/x/</BaseURL></MPD>");
    }

    @Test
    void absolutePathReferences_areResolvedAgainstTheManifestAndRewritten() {
        String out = ManifestRewriter.rewriteDash("<MPD><BaseURL>/media/x/</BaseURL></MPD>", MPD_URL, AGENT);
        assertThat(out).isEqualTo("<MPD><BaseURL>http://127.0.0.1:8800/abc/_abs/origin.example/media/x/</BaseURL></MPD>");
        String hls = ManifestRewriter.rewriteHls("#EXTM3U\n#EXT-X-MAP:URI=\"/i/init.mp4\"\n#EXTINF:2,\n/s/1.m4s\n", M3U8_URL, AGENT);
        assertThat(hls).isEqualTo("#EXTM3U\n#EXT-X-MAP:URI=\"http://127.0.0.1:8800/abc/_abs/origin.example/i/init.mp4\"\n#EXTINF:2,\n"
                + "http://127.0.0.1:8800/abc/_abs/origin.example/s/1.m4s\n");
    }

    @Test
    void dash_cdataBaseUrl_andEscapingOfTheReplacement() {
        String out = ManifestRewriter.rewriteDash("<MPD><BaseURL><![CDATA[http://cdn.example/a/]]></BaseURL>"
                + "<Period><BaseURL>http://cdn.example/b/</BaseURL></Period></MPD>", MPD_URL, u -> "http://agent/?u=" + u + "&x=1");
        assertThat(out).isEqualTo("<MPD><BaseURL><![CDATA[http://agent/?u=http://cdn.example/a/&x=1]]></BaseURL>"
                + "<Period><BaseURL>http://agent/?u=http://cdn.example/b/&amp;x=1</BaseURL></Period></MPD>");
    }

    @Test
    void dash_truncatedInsideATag_isAManifestException() {
        assertThatThrownBy(() -> ManifestRewriter.rewriteDash("<MPD>\n<SegmentTemplate media=\"http://x/", MPD_URL, AGENT))
                .isInstanceOf(ManifestException.class).hasMessageContaining("line 2");
    }

    @Test
    void hls_master_rewritesUriLinesAndUriAttributes_keepingCrlfAndRelativeOnes() {
        String master = "#EXTM3U\r\n"
                + "#EXT-X-VERSION:7\r\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"g\",NAME=\"a,b\",DEFAULT=YES,URI=\"https://cdn.example/a/media_3.m3u8\"\r\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"g\",NAME=\"fr\",URI=\"media_4.m3u8\"\r\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=931786,CODECS=\"avc1.42c01e,mp4a.40.2\",AUDIO=\"g\"\r\n"
                + "https://cdn.example/v/media_0.m3u8\r\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1697186,AUDIO=\"g\"\r\n"
                + "media_1.m3u8\r\n"
                + "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI=\"http://cdn.example/v/iframe.m3u8\"\r\n"
                + "#EXT-X-SESSION-KEY:METHOD=AES-128,URI=\"https://keys.example/k\"\r\n"
                + "#EXT-X-CONTENT-STEERING:SERVER-URI=\"https://steer.example/s.json\",PATHWAY-ID=\"CDN\"\r\n"
                + "# a comment with https://comment.example/x\r\n";
        String out = ManifestRewriter.rewriteHls(master, M3U8_URL, AGENT);

        String expected = master
                .replace("URI=\"https://cdn.example/a/media_3.m3u8\"", "URI=\"http://127.0.0.1:8800/abc/_abs/cdn.example/a/media_3.m3u8\"")
                .replace("\r\nhttps://cdn.example/v/media_0.m3u8\r\n", "\r\nhttp://127.0.0.1:8800/abc/_abs/cdn.example/v/media_0.m3u8\r\n")
                .replace("URI=\"http://cdn.example/v/iframe.m3u8\"", "URI=\"http://127.0.0.1:8800/abc/_abs/cdn.example/v/iframe.m3u8\"")
                .replace("URI=\"https://keys.example/k\"", "URI=\"http://127.0.0.1:8800/abc/_abs/keys.example/k\"")
                .replace("SERVER-URI=\"https://steer.example/s.json\"", "SERVER-URI=\"http://127.0.0.1:8800/abc/_abs/steer.example/s.json\"");
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void hls_media_rewritesMapKeyAndSegmentLines_butNotDataUrisOrDates() {
        String media = """
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MAP:URI="https://cdn.example/v/init-stream0.m4s"
                #EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA",IV=0x1
                #EXTINF:2.000000,
                #EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000+0000
                https://cdn.example/v/chunk-stream0-00001.m4s
                #EXTINF:2.000000,
                chunk-stream0-00002.m4s
                #EXT-X-ENDLIST""";
        String out = ManifestRewriter.rewriteHls(media, M3U8_URL, AGENT);

        assertThat(out).isEqualTo(media
                .replace("\"https://cdn.example/v/init-stream0.m4s\"", "\"http://127.0.0.1:8800/abc/_abs/cdn.example/v/init-stream0.m4s\"")
                .replace("\nhttps://cdn.example/v/chunk-stream0-00001.m4s\n", "\nhttp://127.0.0.1:8800/abc/_abs/cdn.example/v/chunk-stream0-00001.m4s\n"));
    }

    @Test
    void hls_relativeOnlyPlaylists_areUnchanged() {
        for (String name : List.of("ffmpeg/master.m3u8", "ffmpeg/media_0.m3u8")) {
            String text = Fixtures.text(name);
            assertThat(ManifestRewriter.rewriteHls(text, M3U8_URL, u -> {
                throw new AssertionError("called for " + u);
            })).isEqualTo(text);
        }
    }

    @Test
    void hls_replacementThatCannotStandInAQuotedString_isRefused() {
        assertThatThrownBy(() -> ManifestRewriter.rewriteHls("#EXTM3U\n#EXT-X-MAP:URI=\"http://x/i.mp4\"\n", M3U8_URL, u -> "a\"b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }
}
