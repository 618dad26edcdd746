package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SingleSourceDownloadTest {
    private static final long SIZE = 750_000; // a 2 s segment at 3 Mbit/s
    private static final SegmentKey KEY = new SegmentKey(ContentId.of("c0ffee0123456789"), "chunk-stream2-00042.m4s");
    private static final Source PEER = Source.peer("peer-aaaaaaaa", "http://10.0.0.2:8801");
    private static final Source PEER_2 = Source.peer("peer-bbbbbbbb", "http://10.0.0.3:8801");
    private static final Source SERVER = Source.server("http://origin:8080/content/c0ffee0123456789/");
    private static final Source SERVER_2 = Source.server("http://mirror:8080/content/c0ffee0123456789/");
    private static final Duration STEP = Duration.ofMillis(5);
    private static final DownloadStrategy STRATEGY = DownloadStrategy.singleSource(DownloadTuning.defaults());

    private static DownloadRequest request(long deadlineMillis, List<Source> peers, List<Source> servers, OptionalLong size) {
        return new DownloadRequest(KEY, size, Duration.ofMillis(deadlineMillis).toNanos(), peers, servers);
    }

    private static DownloadRequest request(long deadlineMillis, List<Source> peers) {
        return request(deadlineMillis, peers, List.of(SERVER), OptionalLong.of(SIZE));
    }

    @Test
    void noPeers_wholeObjectFromServer() {
        DownloadHarness h = new DownloadHarness(SIZE).source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of()), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(SERVER);
        assertThat(d.usefulBytes()).containsEntry(SourceKind.SERVER, SIZE).containsEntry(SourceKind.PEER, 0L);
    }

    @Test
    void healthyPeer_deliversEverything() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(1_000_000))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isNotNull();
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(PEER);
        assertThat(d.usefulBytes()).containsEntry(SourceKind.PEER, SIZE);
        assertThat(h.delivered.covers(new ByteRange(0, SIZE))).isTrue();
    }

    @Test
    void peerDiesMidTransfer_serverCompletesTheRestByRange() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(1_000_000).dyingAt(Duration.ofMillis(300)))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        List<DownloadAction.Start> starts = h.starts();
        assertThat(starts).extracting(DownloadAction.Start::source).containsExactly(PEER, SERVER);
        long peerBytes = d.usefulBytes().get(SourceKind.PEER);
        assertThat(peerBytes).isBetween(250_000L, 320_000L);
        // The server is asked exactly for what the peer did not deliver.
        assertThat(starts.get(1).range()).isEqualTo(new ByteRange(peerBytes, SIZE));
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE - peerBytes);
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(2000).toNanos());
    }

    @Test
    void peerSlowsTenfold_segmentStillBeforeDeadline() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(600_000).slowingAt(Duration.ofMillis(400), 10))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isNotNull();
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(2000).toNanos());
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(PEER, SERVER);
        assertThat(d.usefulBytes().get(SourceKind.PEER) + d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
    }

    @Test
    void peerSendsNothing_abandonedAfterStallTimeout() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(0))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(4000, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isNotNull();
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
        DownloadAction.Start server = h.starts().get(1);
        assertThat(server.source()).isEqualTo(SERVER);
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(4000).toNanos());
    }

    @Test
    void deadlineTooCloseForAnyPeer_goesStraightToServer() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(1_000_000))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        // The server needs ~650 ms for 750 kB; with a 200 ms margin a 700 ms deadline leaves no room to try a peer.
        SegmentDownload d = STRATEGY.begin(request(700, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(SERVER);
    }

    @Test
    void peerClaimingAnotherSize_isDroppedAsCorrupt() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(1_000_000).claimingSize(SIZE + 7))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        assertThat(h.log).contains(new DownloadAction.Cancel(1));
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
    }

    @Test
    void unknownSize_serverTellsIt() {
        DownloadHarness h = new DownloadHarness(SIZE).source(SERVER, DownloadHarness.Behaviour.steady(2_000_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(), List.of(SERVER), OptionalLong.empty()), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.starts()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(SERVER);
            assertThat(s.toEnd()).isTrue();
        });
        assertThat(d.sizeBytes()).hasValue(SIZE);
        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
    }

    @Test
    void pendingPeer_sizeUnknown_isAskedOpenEnded_andItsAnswerTellsTheSize() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(1_000_000))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER), List.of(SERVER), OptionalLong.empty()), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.starts()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(PEER);
            assertThat(s.toEnd()).isTrue();
        });
        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isEqualTo(SIZE);
    }

    @Test
    void pendingPeerThatNeverAnswers_isLeftAfterTheStallTimeout() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, new DownloadHarness.Behaviour(t -> 1_000_000.0, Long.MAX_VALUE, Duration.ofSeconds(60).toNanos(), -1))
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(4000, List.of(PEER), List.of(SERVER), OptionalLong.empty()), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(PEER, SERVER);
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(2000).toNanos());
    }

    @Test
    void failingServer_nextServerTakesOver() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000).dyingAt(Duration.ofMillis(100)))
                .source(SERVER_2, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(3000, List.of(), List.of(SERVER, SERVER_2), OptionalLong.of(SIZE)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isNotNull();
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(SERVER, SERVER_2);
    }

    @Test
    void serverStallingMidBody_isReplacedByTheNextServer() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000).slowingAt(Duration.ofMillis(100), Double.POSITIVE_INFINITY))
                .source(SERVER_2, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = STRATEGY.begin(request(3000, List.of(), List.of(SERVER, SERVER_2), OptionalLong.of(SIZE)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(10));

        assertThat(h.completed).isNotNull();
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(SERVER, SERVER_2);
        assertThat(h.starts().get(1).range().start()).isBetween(100_000L, 130_000L);
        assertThat(h.finishedAtNanos).isBetween(Duration.ofSeconds(4).toNanos(), Duration.ofSeconds(5).toNanos());
    }

    @Test
    void everyServerFailing_failsWithReasonAfterBoundedAttempts() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(SERVER, DownloadHarness.Behaviour.steady(1_250_000).dyingAt(Duration.ZERO));
        SegmentDownload d = STRATEGY.begin(request(3000, List.of()), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.failed).isNotNull();
        assertThat(h.failed.reason()).contains(KEY.toString()).contains("4 attempts");
        assertThat(h.starts()).hasSize(DownloadTuning.defaults().maxServerAttempts());
        assertThat(d.isDone()).isTrue();
    }

    @Test
    void dataOutsideAskedRange_dropsTheSource() {
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        List<DownloadAction> first = d.start(0);
        assertThat(first).containsExactly(new DownloadAction.Start(1, PEER, new ByteRange(0, SIZE)));

        List<DownloadAction> next = d.onData(1, SIZE - 10, 20, 1_000_000);

        assertThat(next).first().isEqualTo(new DownloadAction.Cancel(1));
        assertThat(next).last().isInstanceOfSatisfying(DownloadAction.Start.class, s -> assertThat(s.source()).isEqualTo(SERVER));
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isZero();
    }

    @Test
    void dataFromCancelledTransfer_isIgnored() {
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER)), SourceEstimates.none());
        d.start(0);
        d.onFailure(1, FailureKind.CONNECTION, 1_000);

        assertThat(d.onData(1, 0, 1000, 2_000)).isEmpty();
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isZero();
    }

    @Test
    void shortBody_countsAsFailureAndResumes() {
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(PEER, PEER_2)), SourceEstimates.none());
        d.start(0);
        d.onData(1, 0, 1000, 1_000_000);
        List<DownloadAction> after = d.onEnd(1, 2_000_000);

        assertThat(after).containsExactly(new DownloadAction.Cancel(1), new DownloadAction.Start(2, SERVER, new ByteRange(1000, SIZE)));
    }

    @Test
    void emptyObject_completesAtOnce() {
        SegmentDownload d = STRATEGY.begin(request(2000, List.of(), List.of(SERVER), OptionalLong.of(0)), SourceEstimates.none());
        assertThat(d.start(0)).containsExactly(new DownloadAction.Complete(0));
        assertThat(d.isDone()).isTrue();
        assertThat(d.onTick(5)).isEmpty();
    }

    @Test
    void measuredSlowServer_makesPeerTheOnlyHope() {
        // When the server is known to be slow, a peer that is merely slowish is kept.
        SourceEstimates slowServer = s -> s.isPeer() ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(200_000);
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(PEER, DownloadHarness.Behaviour.steady(300_000))
                .source(SERVER, DownloadHarness.Behaviour.steady(200_000));
        SegmentDownload d = STRATEGY.begin(request(6000, List.of(PEER)), slowServer);
        h.run(d, STEP, Duration.ofSeconds(10));

        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(PEER);
        assertThat(d.usefulBytes().get(SourceKind.PEER)).isEqualTo(SIZE);
    }
}
