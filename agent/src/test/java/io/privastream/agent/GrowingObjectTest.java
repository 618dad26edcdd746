package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GrowingObjectTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    @Test
    void aReaderFromTheMiddle_getsItsRunAsSoonAsItIsFinal_notOnlyOnceThePrefixReachesIt() throws Exception {
        byte[] data = bytes(1000);
        GrowingObject o = new GrowingObject();
        o.sizeKnown(1000);
        // The second half arrived (from another source) before the first.
        o.progress(data, List.of(new ByteRange(500, 800)));
        byte[] into = new byte[1000];
        assertThat(o.read(600, into, 1000, SECOND)).isEqualTo(200);
        assertThat(Arrays.copyOf(into, 200)).isEqualTo(Arrays.copyOfRange(data, 600, 800));
        // Nothing at 0 yet: a reader there times out with nothing.
        assertThat(o.read(0, into, 10, TimeUnit.MILLISECONDS.toNanos(20))).isEqualTo(-1);
    }

    @Test
    void aWaitingReader_wakesWhenItsByteBecomesFinal() throws Exception {
        byte[] data = bytes(1000);
        GrowingObject o = new GrowingObject();
        o.progress(data, List.of(new ByteRange(0, 100)));
        byte[] into = new byte[1000];
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return o.read(300, into, 1000, 5 * SECOND);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        o.progress(data, List.of(new ByteRange(0, 100), new ByteRange(250, 400)));
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(100);
        assertThat(Arrays.copyOf(into, 100)).isEqualTo(Arrays.copyOfRange(data, 300, 400));
    }

    @Test
    void complete_makesEveryOffsetReadable_failMakesNoneReadable() throws Exception {
        byte[] data = bytes(300);
        GrowingObject done = new GrowingObject();
        done.complete(data);
        byte[] into = new byte[300];
        assertThat(done.read(123, into, 300, SECOND)).isEqualTo(177);

        GrowingObject failed = new GrowingObject();
        failed.progress(data, List.of(new ByteRange(0, 300)));
        failed.fail();
        assertThat(failed.read(0, into, 300, SECOND)).isEqualTo(-1);
    }
}
