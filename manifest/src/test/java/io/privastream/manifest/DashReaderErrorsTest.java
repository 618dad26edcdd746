package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashReaderErrorsTest {
    private static final URI MPD_URL = URI.create("http://origin.example/c/manifest.mpd");

    private static void read(String mpd) {
        DashReader.read(mpd, MPD_URL);
    }

    private static String withRepresentation(String representation) {
        return """
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT4S" minBufferTime="PT2S">
                  <Period>
                    <AdaptationSet contentType="video">
                      %s
                    </AdaptationSet>
                  </Period>
                </MPD>""".formatted(representation);
    }

    @Test
    void truncatedXml_isNotWellFormed_withLine() {
        String full = Fixtures.text("ffmpeg/vod.mpd");
        assertThatThrownBy(() -> read(full.substring(0, full.length() / 2)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("MPD is not well-formed XML at line")
                .hasMessageNotContaining("\n");
    }

    @Test
    void externalEntity_isNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE MPD [ <!ENTITY xxe SYSTEM "%s"> ]>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT4S">
                  <BaseURL>&xxe;</BaseURL>
                  <Period/>
                </MPD>""".formatted(secret.toUri());

        assertThatThrownBy(() -> read(xxe))
                .isInstanceOf(ManifestException.class)
                .hasMessageNotContaining("TOP-SECRET-CONTENT")
                .hasMessageContaining("line");
    }

    @Test
    void externalDtd_isRefused() {
        String dtd = """
                <?xml version="1.0"?>
                <!DOCTYPE MPD SYSTEM "http://attacker.invalid/evil.dtd">
                <MPD type="static"><Period/></MPD>""";
        assertThatThrownBy(() -> read(dtd)).isInstanceOf(ManifestException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void missingBandwidth_namesElementAndLine() {
        assertThatThrownBy(() -> read(withRepresentation("<Representation id=\"v\"><SegmentTemplate duration=\"2\" media=\"s$Number$\"/></Representation>")))
                .isInstanceOf(ManifestException.class)
                .hasMessage("<Representation> (line 4): missing @bandwidth");
    }

    @Test
    void missingId_isReported() {
        assertThatThrownBy(() -> read(withRepresentation("<Representation bandwidth=\"5\"><SegmentTemplate duration=\"2\" media=\"s\"/></Representation>")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("missing @id");
    }

    @Test
    void missingSegmentInformation_isReported() {
        assertThatThrownBy(() -> read(withRepresentation("<Representation id=\"v\" bandwidth=\"5\"/>")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("Representation 'v' has no SegmentTemplate, SegmentList, SegmentBase or BaseURL");
    }

    @Test
    void negativeDuration_isRefused_quotingTheValue() {
        assertThatThrownBy(() -> read("""
                <MPD type="static" mediaPresentationDuration="-PT5S"><Period/></MPD>"""))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("@mediaPresentationDuration")
                .hasMessageContaining("'-PT5S'");
    }

    @Test
    void badDurationSyntax_isRefused() {
        assertThatThrownBy(() -> read("<MPD type=\"static\" mediaPresentationDuration=\"20 seconds\"><Period/></MPD>"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("not an xs:duration: '20 seconds'");
    }

    @Test
    void negativeTimelineDuration_isRefused() {
        assertThatThrownBy(() -> read(withRepresentation("""
                <Representation id="v" bandwidth="5"><SegmentTemplate media="s$Number$">
                  <SegmentTimeline><S t="0" d="-2"/></SegmentTimeline></SegmentTemplate></Representation>""")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("<S> (line 5): @d must be a non-negative integer, got '-2'");
    }

    @Test
    void hugeRepeatCount_isRefused() {
        assertThatThrownBy(() -> read(withRepresentation("""
                <Representation id="v" bandwidth="5"><SegmentTemplate media="s$Number$">
                  <SegmentTimeline><S t="0" d="1" r="999999999999"/></SegmentTimeline></SegmentTemplate></Representation>""")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("more than 1000000 segments");
    }

    @Test
    void unknownTemplateIdentifier_isRefused() {
        assertThatThrownBy(() -> read(withRepresentation(
                "<Representation id=\"v\" bandwidth=\"5\"><SegmentTemplate duration=\"2\" media=\"s-$Segment$.m4s\"/></Representation>")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("unknown identifier '$Segment$'");
    }

    @Test
    void dynamicWithoutAvailabilityStartTime_isRefused() {
        assertThatThrownBy(() -> read("<MPD type=\"dynamic\"><Period/></MPD>"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("needs @availabilityStartTime");
    }

    @Test
    void garbage_wrongRoot_empty_noPeriod() {
        assertThatThrownBy(() -> read("this is not xml at all")).isInstanceOf(ManifestException.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(ManifestException.class);
        assertThatThrownBy(() -> read("<html><body/></html>")).isInstanceOf(ManifestException.class)
                .hasMessage("root element is <html>, not <MPD>");
        assertThatThrownBy(() -> read("<MPD type=\"static\"/>")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("no <Period>");
        assertThatThrownBy(() -> read("<MPD type=\"static\" mediaPresentationDuration=\"PT2S\"><Period><AdaptationSet/></Period></MPD>"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("AdaptationSet has no <Representation>");
    }

    @Test
    void staticTemplateWithoutAnyDuration_cannotBeCounted() {
        assertThatThrownBy(() -> read("""
                <MPD type="static"><Period><AdaptationSet contentType="video"><Representation id="v" bandwidth="1">
                <SegmentTemplate duration="2" media="s$Number$"/></Representation></AdaptationSet></Period></MPD>"""))
                .isInstanceOf(ManifestException.class).hasMessageContaining("cannot count segments");
    }
}
