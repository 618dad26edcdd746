package io.privastream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    @Test
    void bouncyCastle_acceptsWhatTheJdkSigns_andRefusesTheRest() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] message = "privastream-receipt/1\nhello".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(message);
        byte[] signature = s.sign();
        byte[] spki = keys.getPublic().getEncoded();

        assertThat(Ed25519.verify(spki, message, signature)).isTrue();
        byte[] other = message.clone();
        other[0] ^= 1;
        assertThat(Ed25519.verify(spki, other, signature)).isFalse();
        byte[] badSig = signature.clone();
        badSig[10] ^= 1;
        assertThat(Ed25519.verify(spki, message, badSig)).isFalse();
        assertThat(Ed25519.verify(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(), message, signature)).isFalse();
        assertThat(Ed25519.verify(new byte[44], message, signature)).isFalse();
        assertThat(Ed25519.verify(spki, message, new byte[10])).isFalse();
        assertThat(Ed25519.verify(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded(), message, signature)).isFalse();
    }
}
