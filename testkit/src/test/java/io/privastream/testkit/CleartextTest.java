package io.privastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CleartextTest {
    private final Random random = new Random(11);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void aRunOf64BytesAtAnyOffset_isFound_and63AreNot() {
        byte[] segment = bytes(100_000);
        Cleartext scanner = new Cleartext(List.of(bytes(5_000), segment));
        for (int offset : new int[] {0, 1, 31, 33, 12_345, 100_000 - 64}) {
            byte[] capture = bytes(50_000);
            System.arraycopy(segment, offset, capture, 20_001, 64);
            assertThat(scanner.find(List.of(bytes(10), capture))).as("offset %d", offset).hasValueSatisfying(leak -> {
                assertThat(leak.object()).isEqualTo(1);
                assertThat(leak.capture()).isEqualTo(1);
                assertThat(leak.length()).isGreaterThanOrEqualTo(64);
            });
            byte[] shorter = bytes(50_000);
            System.arraycopy(segment, offset, shorter, 20_001, 63);
            assertThat(scanner.find(List.of(shorter))).as("63 bytes at %d", offset).isEmpty();
        }
    }

    @Test
    void randomCapture_hasNoLeak_andContainsFindsStrings() {
        Cleartext scanner = new Cleartext(List.of(bytes(200_000)));
        assertThat(scanner.find(List.of(bytes(1_000_000)))).isEmpty();
        byte[] capture = bytes(1000);
        byte[] id = "0123456789abcdef".getBytes();
        System.arraycopy(id, 0, capture, 500, id.length);
        assertThat(Cleartext.contains(List.of(capture), id)).isTrue();
        assertThat(Cleartext.contains(List.of(Arrays.copyOf(capture, 510)), id)).isFalse();
    }
}
