package io.privastream.core.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.ContentId;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedDigestTest {
    private static final ContentId CONTENT = ContentId.of("c0ffee0123456789");
    private static final KeyPair KEYS = PublisherKeys.generate();

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void chunksAreCheckedOnTheirOwn_theLastOneShort() {
        byte[] data = bytes(40_000, 1);
        SegmentDigest d = SegmentDigest.of(data, 16_384);
        assertThat(d.chunkCount()).isEqualTo(3);
        assertThat(d.chunk(2)).isEqualTo(new ByteRange(32_768, 40_000));
        for (int i = 0; i < 3; i++) {
            assertThat(d.matches(i, data, (int) d.chunk(i).start())).isTrue();
        }
        data[20_000] ^= 1;
        assertThat(d.matches(0, data, 0)).isTrue();
        assertThat(d.matches(1, data, 16_384)).isFalse();
        // Chunk 2's bytes read at another offset (another part of the object) do not match.
        assertThat(d.matches(2, data, 0)).isFalse();
    }

    @Test
    void chunkSize_followsTheObject_between1And16KiB() {
        assertThat(SegmentDigest.chunkBytesFor(0)).isEqualTo(1024);
        assertThat(SegmentDigest.chunkBytesFor(15_000)).isEqualTo(1024);
        assertThat(SegmentDigest.chunkBytesFor(200_000)).isEqualTo(4096);
        assertThat(SegmentDigest.chunkBytesFor(750_000)).isEqualTo(16_384);
        assertThat(SegmentDigest.chunkBytesFor(64L << 20)).isEqualTo(16_384);
    }

    @Test
    void rootIsTheRfc6962TreeHash() {
        // RFC 6962 §2.1 on a tiny tree: MTH({d0}) = SHA-256(0x00 || d0) and, for two leaves,
        // SHA-256(0x01 || leaf0 || leaf1). With 1 KiB chunks, data of 1024 zero bytes + 1 byte.
        byte[] data = new byte[1025];
        SegmentDigest d = SegmentDigest.of(data, 1024);
        var sha = SegmentDigest.sha256();
        sha.update((byte) 0);
        sha.update(data, 0, 1024);
        byte[] l0 = sha.digest();
        sha.update((byte) 0);
        sha.update(data, 1024, 1);
        byte[] l1 = sha.digest();
        sha.update((byte) 1);
        sha.update(l0);
        sha.update(l1);
        assertThat(HexFormat.of().formatHex(d.root())).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(SegmentDigest.of(new byte[0], 1024).chunkCount()).isZero();
    }

    @Test
    void signedDigest_roundTripsAndVerifies() {
        byte[] data = bytes(100_000, 2);
        SignedDigest s = SignedDigest.sign(CONTENT, "chunk-0-00001.m4s", data, 16_384, KEYS.getPrivate());
        SignedDigest back = SignedDigest.decode(s.encode());
        assertThat(back).isEqualTo(s);
        assertThat(back.verify(KEYS.getPublic(), CONTENT, "chunk-0-00001.m4s").digest().sizeBytes()).isEqualTo(100_000);
    }

    @Test
    void digestOfAnotherObjectRenditionOrContent_orAnotherKey_isRefused() {
        SignedDigest s = SignedDigest.sign(CONTENT, "chunk-0-00001.m4s", bytes(50_000, 3), 16_384, KEYS.getPrivate());
        assertThatThrownBy(() -> s.verify(KEYS.getPublic(), CONTENT, "chunk-1-00001.m4s")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("not " + CONTENT + "/chunk-1-00001.m4s");
        assertThatThrownBy(() -> s.verify(KEYS.getPublic(), ContentId.of("deadbeef00000000"), "chunk-0-00001.m4s"))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> s.verify(PublisherKeys.generate().getPublic(), CONTENT, "chunk-0-00001.m4s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("does not verify");
    }

    @Test
    void tamperedLeaves_orRenamedPath_breakTheSignature() {
        SignedDigest s = SignedDigest.sign(CONTENT, "chunk-0-00001.m4s", bytes(50_000, 4), 16_384, KEYS.getPrivate());
        byte[] leaves = s.digest().leaves().clone();
        leaves[5] ^= 1;
        SignedDigest tampered = new SignedDigest(CONTENT, s.path(), new SegmentDigest(16_384, 50_000, leaves), s.signature());
        assertThatThrownBy(() -> tampered.verify(KEYS.getPublic(), CONTENT, s.path())).hasMessageContaining("does not verify");
        SignedDigest renamed = new SignedDigest(CONTENT, "chunk-0-00002.m4s", s.digest(), s.signature());
        assertThatThrownBy(() -> renamed.verify(KEYS.getPublic(), CONTENT, "chunk-0-00002.m4s")).hasMessageContaining("does not verify");
    }

    @Test
    void malformedDigests_getClearErrors() {
        assertThatThrownBy(() -> SignedDigest.decode("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("not a digest");
        String good = new String(SignedDigest.sign(CONTENT, "a.m4s", bytes(5000, 5), 1024, KEYS.getPrivate()).encode(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SignedDigest.decode(good.replace("size: 5000", "size: 9000").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("needs 9 leaf hashes");
        assertThatThrownBy(() -> SignedDigest.decode(good.replace("size: 5000", "size: x").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("malformed digest");
        assertThatThrownBy(() -> SignedDigest.decode(good.replace("path: a.m4s", "path: ../etc").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> SignedDigest.decode(new byte[SignedDigest.MAX_ENCODED_BYTES + 1]))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> PublisherKeys.decodePublic("not-a-key")).isInstanceOf(IntegrityException.class);
    }

    @Test
    void keyPair_roundTripsThroughItsEncodings_andMismatchedHalvesAreRefused() {
        KeyPair back = PublisherKeys.decodePair(KEYS.getPrivate().getEncoded(), KEYS.getPublic().getEncoded());
        assertThat(PublisherKeys.encodePublic(back.getPublic())).isEqualTo(PublisherKeys.encodePublic(KEYS.getPublic()));
        assertThatThrownBy(() -> PublisherKeys.decodePair(KEYS.getPrivate().getEncoded(), PublisherKeys.generate().getPublic().getEncoded()))
                .hasMessageContaining("does not belong");
    }
}
