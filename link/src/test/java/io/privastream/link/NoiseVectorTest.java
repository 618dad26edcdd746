package io.privastream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * The handshake and the ciphers against published Noise test vectors (cacophony's, as shipped
 * with the snow and cacophony libraries): {@code Noise_NN_25519_AESGCM_SHA256} for the
 * primitives (hash initialisation, MixHash, HKDF, MixKey, the AES-GCM nonce layout, Split) and
 * {@code Noise_XX_25519_AESGCM_SHA256}, the links' own pattern, with its static-key tokens.
 */
class NoiseVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    /** An X25519 key pair from its private scalar; the public key is the scalar times the base point (u = 9). */
    private static KeyPair keyPair(String privateHex) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("X25519");
        PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, HEX.parseHex(privateHex)));
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(priv);
        ka.doPhase(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))), true);
        byte[] u = ka.generateSecret(); // little-endian u-coordinate of the public key
        byte[] bigEndian = new byte[u.length + 1];
        for (int i = 0; i < u.length; i++) {
            bigEndian[u.length - i] = u[i];
        }
        return new KeyPair(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(bigEndian))), priv);
    }

    private static String seal(NoiseCipher c, String payloadHex) throws Exception {
        byte[] plain = HEX.parseHex(payloadHex);
        ByteBuffer out = ByteBuffer.allocate(plain.length + NoiseCipher.TAG);
        c.encrypt(new byte[0], ByteBuffer.wrap(plain), out);
        return HEX.formatHex(out.array());
    }

    private static String open(NoiseCipher c, String sealedHex) throws Exception {
        byte[] sealed = HEX.parseHex(sealedHex);
        ByteBuffer out = ByteBuffer.allocate(sealed.length - NoiseCipher.TAG);
        c.decrypt(new byte[0], ByteBuffer.wrap(sealed), out);
        return HEX.formatHex(out.array());
    }

    @Test
    void nn25519AesGcmSha256_matchesCacophony() throws Exception {
        byte[] prologue = HEX.parseHex("4a6f686e2047616c74");
        KeyPair ie = keyPair("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
        KeyPair re = keyPair("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
        NoiseHandshake init = new NoiseHandshake(NoiseHandshake.Pattern.NN, true, null, prologue, () -> ie);
        NoiseHandshake resp = new NoiseHandshake(NoiseHandshake.Pattern.NN, false, null, prologue, () -> re);

        byte[] m1 = init.writeMessage(HEX.parseHex("4c756477696720766f6e204d69736573"));
        assertThat(HEX.formatHex(m1))
                .isEqualTo("ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573");
        assertThat(HEX.formatHex(resp.readMessage(m1))).isEqualTo("4c756477696720766f6e204d69736573");
        byte[] m2 = resp.writeMessage(HEX.parseHex("4d757272617920526f746862617264"));
        assertThat(HEX.formatHex(m2)).isEqualTo("95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843"
                + "934ff73eebb9d930ebf62b8e4db8133ca936872b5551efd7c9989c646d8cf0");
        assertThat(HEX.formatHex(init.readMessage(m2))).isEqualTo("4d757272617920526f746862617264");

        // The file's handshake_hash field is not compared: it is not the final h of this
        // transcript by the spec's rules (an independent computation agrees with ours), while every
        // message, handshake and transport, is.
        assertThat(resp.handshakeHash()).isEqualTo(init.handshakeHash());
        NoiseCipher[] i = init.split();
        NoiseCipher[] r = resp.split();
        assertThat(seal(i[0], "462e20412e20486179656b")).isEqualTo("8d372b94914e80018211a344b8b1c5a2869492a0db46990c0362f3");
        assertThat(open(r[1], "8d372b94914e80018211a344b8b1c5a2869492a0db46990c0362f3")).isEqualTo("462e20412e20486179656b");
        assertThat(seal(r[0], "4361726c204d656e676572")).isEqualTo("e183b0abd55550f9955fb05476d988c6f27628d7bbde111c39ccbc");
        assertThat(seal(i[0], "4a65616e2d426170746973746520536179"))
                .isEqualTo("167293a79ad6a647114c4f4eb55bdf713a0d44ae48765c07fc4e57743100825021");
        assertThat(seal(r[0], "457567656e2042f6686d20766f6e2042617765726b"))
                .isEqualTo("2b67a18ae246069c51687bee89141041d9d35a821f852975d169a4f80f75c735807a1fd157");
    }

    @Test
    void xx25519AesGcmSha256_theLinksPattern_matchesCacophony() throws Exception {
        byte[] prologue = HEX.parseHex("4a6f686e2047616c74");
        KeyPair is = keyPair("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");
        KeyPair ie = keyPair("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
        KeyPair rs = keyPair("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
        KeyPair re = keyPair("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
        NoiseHandshake init = new NoiseHandshake(NoiseHandshake.Pattern.XX, true, is, prologue, () -> ie);
        NoiseHandshake resp = new NoiseHandshake(NoiseHandshake.Pattern.XX, false, rs, prologue, () -> re);

        byte[] m1 = init.writeMessage(HEX.parseHex("4c756477696720766f6e204d69736573"));
        assertThat(HEX.formatHex(m1))
                .isEqualTo("ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573");
        resp.readMessage(m1);
        byte[] m2 = resp.writeMessage(HEX.parseHex("4d757272617920526f746862617264"));
        assertThat(HEX.formatHex(m2)).isEqualTo("95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843"
                + "757117acceb05bd7a45733bc22015c97a9d0cbaf41b80446d5988ff5127235d76b79eade70f473d6a4ef521fdcbeda5340d01e028ba793fc059f2724"
                + "a83af05f12dda0448a7621a926b379a92477fd");
        assertThat(HEX.formatHex(init.readMessage(m2))).isEqualTo("4d757272617920526f746862617264");
        assertThat(init.remoteStatic()).isEqualTo(NoiseHandshake.rawPublic(rs));
        byte[] m3 = init.writeMessage(HEX.parseHex("462e20412e20486179656b"));
        assertThat(HEX.formatHex(m3)).isEqualTo("c90f1cf77eba4e50edb038991565e36c9758943a989229b6051244dc4fbecb6946744b401af2ee1a5881b65fbb87fd07"
                + "cb6a328ececc9ce6ce84c399dc332d4fd521fa4bb7f467ce909395");
        assertThat(HEX.formatHex(resp.readMessage(m3))).isEqualTo("462e20412e20486179656b");
        assertThat(resp.remoteStatic()).isEqualTo(NoiseHandshake.rawPublic(is));

        NoiseCipher[] i = init.split();
        NoiseCipher[] r = resp.split();
        assertThat(seal(r[0], "4361726c204d656e676572")).isEqualTo("bc3fa77f6aca3e8466d7dc6bea10013e88a6a29add5132b461806c");
        assertThat(open(i[1], "bc3fa77f6aca3e8466d7dc6bea10013e88a6a29add5132b461806c")).isEqualTo("4361726c204d656e676572");
        assertThat(seal(i[0], "4a65616e2d426170746973746520536179"))
                .isEqualTo("250b01074cdfe0df2ecf8ccbf1737b15a2ddb5b52fd9a396604e9c793cee3b3bb9");
        assertThat(seal(r[0], "457567656e2042f6686d20766f6e2042617765726b"))
                .isEqualTo("449d4d433b3cdc3d02bf6fc881774b9df54366ebcffb9689bb13f14709822cd7ef42bcdb4d");
    }
}
