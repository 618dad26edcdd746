package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads with the publisher's digest: every chunk is checked, liars are caught and replaced. */
class VerifiedDownloadTest {
    private static final int SIZE = 300_000;
    private static final int CHUNK = 16 * 1024;
    private static final SegmentKey KEY = new SegmentKey(ContentId.of("c0ffee0123456789"), "chunk-stream0-00007.m4s");
    private static final Source A = Source.peer("peer-aaaaaaaa", "http://a");
    private static final Source B = Source.peer("peer-bbbbbbbb", "http://b");
    private static final Source C = Source.peer("peer-cccccccc", "http://c");
    private static final Source S1 = Source.server("http://s1/");
    private static final Source S2 = Source.server("http://s2/");
    private static final Duration STEP = Duration.ofMillis(5);
    private static final long DEADLINE = Duration.ofMillis(2000).toNanos();

    private static byte[] content() {
        byte[] b = new byte[SIZE];
        new Random(7).nextBytes(b);
        return b;
    }

    private static DownloadStrategy strategy(String name) {
        return DownloadStrategy.byName(name, DownloadTuning.defaults(), 4);
    }

    private static DownloadRequest request(DownloadHarness h, List<Source> peers, List<Source> servers) {
        return new DownloadRequest(KEY, OptionalLong.empty(), DEADLINE, peers, servers, OptionalLong.empty(), Optional.of(h.digest));
    }

    private static void assertExactAndClean(DownloadHarness h, SegmentDownload d) {
        assertThat(h.failed).isNull();
        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        assertThat(h.buffer).isEqualTo(h.truth);
        assertThat(h.corruptPrefixSeen).as("wrong bytes shown as relayable").isFalse();
        assertThat(h.finishedAtNanos).as("finished by the deadline").isLessThan(DEADLINE);
        assertThat(d.usefulBytes().get(SourceKind.PEER) + d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
    }

    @Test
    void honestSources_everyChunkCheckedOnce_noRejection() {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = strategy("multi-source").begin(request(h, List.of(A, B), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExactAndClean(h, d);
        assertThat(h.rejected).isEmpty();
        assertThat(h.log).filteredOn(a -> a instanceof DownloadAction.Verify).hasSize(h.digest.chunkCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi-source", "single-source"})
    void peerFlippingBitsMidRange_isRejected_itsBytesRefetched_deadlineMet(String name) {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000).corruptingFrom(160_000))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        // Single-source asks one peer: make it the liar. Multi-source gives B the middle third.
        boolean single = name.equals("single-source");
        List<Source> peers = single ? List.of(B, A) : List.of(A, B, C);
        SegmentDownload d = strategy(name).begin(request(h, peers, List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExactAndClean(h, d);
        assertThat(h.rejected).containsExactly(B);
        // Chunks B sent before it started lying passed their checks and are kept: the nine
        // 16 KiB chunks below 160 000 (single-source), or with A's and C's thirds, B's first ones.
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isGreaterThanOrEqualTo(single ? 9 * CHUNK : 200_000 + 2 * CHUNK);
    }

    @Test
    void peerLyingFromItsFirstByte_neverReachesTheRelayablePrefix() {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK)
                .source(A, DownloadHarness.Behaviour.steady(250_000).corruptingFrom(0))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = strategy("multi-source").begin(request(h, List.of(A), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExactAndClean(h, d);
        assertThat(h.rejected).containsExactly(A);
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isZero();
    }

    @Test
    void corruptServer_isRejected_anotherServerDelivers() {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK)
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000).corruptingFrom(100_000))
                .source(S2, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = strategy("multi-source").begin(request(h, List.of(), List.of(S1, S2)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExactAndClean(h, d);
        assertThat(h.rejected).containsExactly(S1);
    }

    @Test
    void peerClaimingAnotherSizeThanTheDigest_isDropped() {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK)
                .source(A, DownloadHarness.Behaviour.steady(250_000).claimingSize(SIZE + 1))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = strategy("multi-source").begin(request(h, List.of(A), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExactAndClean(h, d);
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isZero();
    }

    @Test
    void theDigestsSizeOverridesAnnouncedSizes() {
        DownloadHarness h = DownloadHarness.withContent(content(), CHUNK);
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.of(123), DEADLINE, List.of(A), List.of(S1), OptionalLong.empty(),
                Optional.of(h.digest));
        assertThat(r.sizeBytes()).hasValue(SIZE);
    }
}
