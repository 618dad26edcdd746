package io.privastream.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkProtocolTest {
    @Test
    void names_parseInAnyCase() {
        assertThat(LinkProtocol.parse(" TLS ", "test")).isEqualTo(LinkProtocol.TLS);
        assertThat(LinkProtocol.parse("noise", "test")).isEqualTo(LinkProtocol.NOISE);
    }

    @Test
    void anUnknownName_isRefused_namingTheSettingAndTheChoices() {
        assertThatThrownBy(() -> LinkProtocol.parse("ssl", "PRIVASTREAM_LINKS"))
                .isInstanceOf(LinkException.class).hasMessageContaining("PRIVASTREAM_LINKS=ssl").hasMessageContaining("noise").hasMessageContaining("tls");
    }

    @Test
    void aContext_tellsWhichProtocolMadeIt() {
        NodeIdentity id = NodeIdentity.generate();
        assertThat(LinkProtocol.of(LinkProtocol.NOISE.context(id, new Pins()))).isEqualTo(LinkProtocol.NOISE);
        assertThat(LinkProtocol.of(LinkProtocol.TLS.context(id, new Pins()))).isEqualTo(LinkProtocol.TLS);
    }
}
