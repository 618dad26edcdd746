package io.privastream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.protocol.tracker.JoinRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void descriptor_roundTrips_withIdsAsPlainStrings() {
        ContentDescriptor d = new ContentDescriptor(ContentId.of("0123456789abcdef"), true, List.of(URI.create("http://o:8080/content/0123456789abcdef/")),
                Optional.of("manifest.mpd"), Optional.empty(), 2000, 30_000,
                List.of(new ContentDescriptor.Rendition("0", "video", 800_000, 640, 360)), Optional.empty());
        String json = new String(Json.write(d), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"contentId\":\"0123456789abcdef\"").doesNotContain("hlsManifest");
        assertThat(Json.read(json, ContentDescriptor.class)).isEqualTo(d);
    }

    @Test
    void joinRequest_declaredUplink_roundTrips_andIsOptional() {
        JoinRequest declared = new JoinRequest(io.privastream.core.media.PeerId.of("abcdefgh1234"), "http://x", true, Optional.empty(),
                java.util.OptionalInt.of(5000));
        String json = new String(Json.write(declared), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"uploadKbps\":5000");
        assertThat(Json.read(json, JoinRequest.class)).isEqualTo(declared);
        assertThat(Json.read("{\"peer\":\"abcdefgh1234\",\"endpoint\":\"e\",\"live\":true}", JoinRequest.class).uploadKbps()).isEmpty();
        assertThatThrownBy(() -> Json.read("{\"peer\":\"abcdefgh1234\",\"endpoint\":\"e\",\"live\":true,\"uploadKbps\":0}", JoinRequest.class))
                .isInstanceOf(Json.MalformedMessageException.class).hasMessageContaining("uploadKbps");
    }

    @Test
    void missingPrimitive_namesTheField_withoutJacksonHints() {
        assertThatThrownBy(() -> Json.read("{\"peer\":\"abcdefgh1234\",\"endpoint\":\"http://x\"}", JoinRequest.class))
                .isInstanceOf(Json.MalformedMessageException.class)
                .hasMessageContaining("'live'")
                .hasMessageNotContaining("DeserializationConfig");
    }

    @Test
    void invalidValues_areRejectedWithTheRecordsOwnMessage() {
        assertThatThrownBy(() -> Json.read("{\"peer\":\"../etc\",\"endpoint\":\"http://x\",\"live\":true}", JoinRequest.class))
                .hasMessageContaining("peer id must be");
        assertThatThrownBy(() -> Json.read("[1,2]", JoinRequest.class)).isInstanceOf(Json.MalformedMessageException.class);
        assertThatThrownBy(() -> Json.read("null", JoinRequest.class)).isInstanceOf(Json.MalformedMessageException.class);
        assertThatThrownBy(() -> Json.read("{\"pee", JoinRequest.class)).isInstanceOf(Json.MalformedMessageException.class);
        assertThat(Json.read("{\"peer\":\"abcdefgh1234\",\"endpoint\":\"e\",\"live\":false,\"extra\":1}", JoinRequest.class).peer())
                .isEqualTo(PeerId.of("abcdefgh1234"));
    }
}
