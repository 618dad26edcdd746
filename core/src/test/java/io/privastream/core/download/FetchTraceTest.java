package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import org.junit.jupiter.api.Test;

class FetchTraceTest {
    private static final long MS = 1_000_000;

    @Test
    void writesEachTransferInOrder_withOffsetsFromTheStart() {
        Source peer = Source.peer("p1", "handle-1");
        Source server = Source.server("https://origin.example/");
        FetchTrace trace = new FetchTrace(5_000 * MS);

        trace.started(1, peer, new ByteRange(0, 200_000), false, true, 5_000 * MS);
        trace.started(2, server, new ByteRange(200_000, 232_000), false, false, 5_100 * MS);
        trace.cancelled(1, peer, 5_600 * MS);
        trace.failed(2, server, FailureKind.TIMEOUT, 5_750 * MS);
        trace.started(3, server, new ByteRange(0, 1), true, false, 5_800 * MS);

        assertThat(trace.toString()).isEqualTo("P1:200r@0.00 S2:32@0.10 P1~@0.60 S2!TIMEOUT@0.75 S3:open@0.80");
        assertThat(trace.startedNanos()).isEqualTo(5_000 * MS);
    }

    @Test
    void aPeerFoundRelayingLater_isMarkedOnItsStart() {
        Source peer = Source.peer("p1", "handle-1");
        FetchTrace trace = new FetchTrace(0);
        trace.started(7, peer, new ByteRange(0, 64_000), false, false, 0);
        trace.cancelled(7, peer, 300 * MS);

        trace.relaying(7);

        assertThat(trace.toString()).isEqualTo("P7:64r@0.00 P7~@0.30");
        assertThat(new FetchTrace(0).toString()).isEmpty();
    }
}
