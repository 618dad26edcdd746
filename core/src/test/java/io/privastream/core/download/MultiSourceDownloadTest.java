package io.privastream.core.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MultiSourceDownloadTest {
    private static final long SIZE = 750_000;
    private static final SegmentKey KEY = new SegmentKey(ContentId.of("c0ffee0123456789"), "chunk-stream2-00042.m4s");
    private static final Source A = Source.peer("peer-aaaaaaaa", "http://a");
    private static final Source B = Source.peer("peer-bbbbbbbb", "http://b");
    private static final Source C = Source.peer("peer-cccccccc", "http://c");
    private static final Source S1 = Source.server("http://s1/");
    private static final Source S2 = Source.server("http://s2/");
    private static final Source S3 = Source.server("http://s3/");
    private static final Duration STEP = Duration.ofMillis(5);
    private static final DownloadStrategy K4 = DownloadStrategy.multiSource(4, DownloadTuning.defaults());

    private static DownloadRequest request(long deadlineMillis, List<Source> peers, List<Source> servers) {
        return new DownloadRequest(KEY, OptionalLong.of(SIZE), Duration.ofMillis(deadlineMillis).toNanos(), peers, servers);
    }

    private static SourceEstimates known(Map<Source, Double> rates) {
        return s -> rates.containsKey(s) ? OptionalDouble.of(rates.get(s)) : OptionalDouble.empty();
    }

    private static void assertExact(DownloadHarness h, SegmentDownload d) {
        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(SIZE));
        assertThat(h.delivered.covers(new ByteRange(0, SIZE))).isTrue();
        assertThat(d.usefulBytes().get(SourceKind.PEER) + d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(SIZE);
    }

    @Test
    void peersSufficient_splitAmongThem_noServer() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(request(4000, List.of(A, B, C), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(A, B, C);
        assertThat(h.starts()).extracting(s -> s.range().length()).allSatisfy(n -> assertThat(n).isBetween(249_000L, 251_000L));
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isZero();
        // Three 2 Mbit/s uplinks together: ~1 s instead of the 3 s one would take.
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(1100).toNanos());
    }

    @Test
    void rangesFollowMeasuredThroughput() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(500_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000));
        SegmentDownload d = K4.begin(request(4000, List.of(A, B), List.of(S1)), known(Map.of(A, 500_000.0, B, 250_000.0)));
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts().get(0).range()).isEqualTo(new ByteRange(0, 500_000));
        assertThat(h.starts().get(1).range()).isEqualTo(new ByteRange(500_000, SIZE));
        assertThat(h.starts()).hasSize(2);
    }

    @Test
    void peersTooSlowForTheDeadline_serverJoins() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(100_000))
                .source(B, DownloadHarness.Behaviour.steady(100_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(request(2000, List.of(A, B), List.of(S1)), known(Map.of(A, 100_000.0, B, 100_000.0)));
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).contains(A, B, S1);
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(2000).toNanos());
    }

    @Test
    void noPeers_severalServersShareTheObject_msStream() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .source(S2, DownloadHarness.Behaviour.steady(1_250_000))
                .source(S3, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = DownloadStrategy.multiSource(3, DownloadTuning.defaults())
                .begin(request(2000, List.of(), List.of(S1, S2, S3)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(S1, S2, S3);
        // Three 10 Mbit/s servers at once: a third of the time one would take (0.6 s).
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(260).toNanos());
    }

    @Test
    void oneOfThreeDiesMidSegment_itsRestIsReassigned_deadlineMet() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000).dyingAt(Duration.ofMillis(300)))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(request(2000, List.of(A, B, C), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(2000).toNanos());
        assertThat(h.starts().size()).isGreaterThan(3);
    }

    @Test
    void onlyPeerDiesWhileTheOnlyServerIsBusy_serverTakesItsRestAfterwards() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(100_000).dyingAt(Duration.ofMillis(300)))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(request(2000, List.of(A), List.of(S1)), known(Map.of(A, 100_000.0)));
        h.run(d, STEP, Duration.ofSeconds(5));

        // The gap the peer leaves has no free source at that moment; the download waits for the server, not gives up.
        assertThat(h.failed).isNull();
        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(A, S1, S1);
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(2000).toNanos());
    }


    @Test
    void serverRefused_aLatePeersRangeGoesToAnotherPeer_deadlineMet() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(2_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofSeconds(60));
        // Two sources at a time; the peers look slow, so the server is asked first, and refuses.
        SegmentDownload d = DownloadStrategy.multiSource(2, DownloadTuning.defaults())
                .begin(request(4000, List.of(A, B, C), List.of(S1)), known(Map.of(A, 50_000.0, B, 50_000.0, C, 50_000.0)));
        h.run(d, STEP, Duration.ofSeconds(20));

        assertThat(h.busyAnswers).isPositive();
        assertExact(h, d);
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isZero();
        assertThat(h.starts()).extracting(DownloadAction.Start::source).contains(C);
        assertThat(h.bytesBySource.getOrDefault(A.id(), 0L)).isLessThan(20_000L);
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(4000).toNanos());
    }

    @Test
    void serverPartsThatSucceed_doNotUseUpTheRetryBudget() {
        // Four servers at k = 4 start four parts; one dies. The budget (4) bounds failures, not parts:
        // a server that finished its part must still be allowed to take the dead one's rest.
        Source s4 = Source.server("http://s4/");
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(500_000))
                .source(S2, DownloadHarness.Behaviour.steady(500_000))
                .source(S3, DownloadHarness.Behaviour.steady(500_000))
                .source(s4, DownloadHarness.Behaviour.steady(500_000).dyingAt(Duration.ofMillis(100)));
        SegmentDownload d = K4.begin(request(4000, List.of(), List.of(S1, S2, S3, s4)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.failed).isNull();
        assertExact(h, d);
        assertThat(h.starts()).hasSizeGreaterThan(4);
    }

    @Test
    void oneOfThreeSlowsTenfold_othersAndAServerTakeItsTail_deadlineMet() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000).slowingAt(Duration.ofMillis(300), 10))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(request(1500, List.of(A, B, C), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(1500).toNanos());
        long fromB = h.bytesBySource.getOrDefault(B.id(), 0L);
        assertThat(fromB).isLessThan(150_000);
    }

    /**
     * Peers A and C steady, B a relay at the live edge (nearly nothing for 500 ms while its own
     * source starts, then its full uplink), a server; a 3 s deadline; run to the end.
     */
    private static SegmentDownload withACatchingUpRelay(DownloadStrategy strategy, DownloadHarness h) {
        h.source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, new DownloadHarness.Behaviour(now -> now < 500 * 1_000_000L ? 20_000.0 : 250_000.0, Long.MAX_VALUE, 0, -1))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = strategy.begin(request(3000, List.of(A, B, C), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));
        assertExact(h, d);
        return d;
    }

    @Test
    void relayStartingSlowly_withHeadroom_keepsItsRange_whileThereIsTimeToCatchUp() {
        DownloadHarness h = new DownloadHarness(SIZE);
        SegmentDownload d = withACatchingUpRelay(DownloadStrategy.multiSource(4, DownloadTuning.defaults().withRescueHeadroom(2)), h);

        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(2800).toNanos());
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isZero();
    }

    @Test
    void relayStartingSlowly_byDefault_losesItsTailToTheServerAtOnce() {
        // The control for the test above: rescuing at the first projected miss sends the server
        // bytes the relay would have brought in time.
        SegmentDownload d = withACatchingUpRelay(K4, new DownloadHarness(SIZE));

        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isGreaterThan(100_000L);
    }

    @Test
    void rescueHeadroom_between0And1_isRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DownloadTuning.defaults().withRescueHeadroom(0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    }

    @Test
    void smallObject_oneOfFourPeersDrips_itsSmallRangeMovesToAServer_deadlineMet() {
        // Found by the simulator: 200 kB over 4 peers leaves 50 kB per range, under two minimum
        // chunks; a peer dripping at 8 kB/s kept its range for 6 s and the segment was 5 s late.
        long size = 200_000;
        DownloadHarness h = new DownloadHarness(size)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(8_000))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.of(size), Duration.ofMillis(1000).toNanos(), List.of(A, B, C), List.of(S1));
        SegmentDownload d = K4.begin(r, SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(8));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(size));
        assertThat(h.finishedAtNanos).isLessThanOrEqualTo(Duration.ofMillis(1000).toNanos());
        assertThat(h.bytesBySource.getOrDefault(B.id(), 0L)).isLessThan(20_000L);
    }

    @Test
    void fastSourceFinishingEarly_stealsFromTheSlowOne() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(1_000_000))
                .source(B, DownloadHarness.Behaviour.steady(100_000));
        // Nothing measured yet: the first split is even.
        SegmentDownload d = K4.begin(request(6000, List.of(A, B), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(8));

        assertExact(h, d);
        assertThat(h.starts().get(0).range().length()).isEqualTo(SIZE / 2);
        assertThat(h.bytesBySource.get(A.id())).isGreaterThan(550_000L);
        // B alone would need 3.75 s for its half; with stealing the whole object takes well under that.
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(1500).toNanos());
    }

    @Test
    void unknownSize_firstServerTellsIt_spareServersTakePartOfTheTail() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(500_000))
                .source(S2, DownloadHarness.Behaviour.steady(500_000));
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.empty(), Duration.ofSeconds(4).toNanos(), List.of(), List.of(S1, S2));
        SegmentDownload d = K4.begin(r, SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts().getFirst().toEnd()).isTrue();
        assertThat(h.starts()).extracting(DownloadAction.Start::source).contains(S2);
        assertThat(h.finishedAtNanos).isLessThan(Duration.ofMillis(1000).toNanos());
    }

    @Test
    void tinyObject_isNotSplit() {
        DownloadHarness h = new DownloadHarness(20_000)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000));
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.of(20_000), Duration.ofSeconds(2).toNanos(), List.of(A, B), List.of(S1));
        SegmentDownload d = K4.begin(r, SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(20_000));
        assertThat(h.starts()).hasSize(1);
    }

    @Test
    void kOfOne_usesASingleSourceAtATime() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(1_000_000))
                .source(B, DownloadHarness.Behaviour.steady(1_000_000));
        SegmentDownload d = DownloadStrategy.multiSource(1, DownloadTuning.defaults())
                .begin(request(4000, List.of(A, B), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(A);
    }

    @Test
    void unknownSizeWithAHint_firstServerAsksOnlyItsShare_noTransferIsCut() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(1_000_000))
                .source(S2, DownloadHarness.Behaviour.steady(500_000))
                .source(S3, DownloadHarness.Behaviour.steady(500_000));
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.empty(), Duration.ofSeconds(4).toNanos(), List.of(), List.of(S1, S2, S3),
                OptionalLong.of(SIZE));
        SegmentDownload d = K4.begin(r, known(Map.of(S1, 1_000_000.0, S2, 500_000.0, S3, 500_000.0)));
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts().getFirst().range()).isEqualTo(new ByteRange(0, SIZE / 2));
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(S1, S2, S3);
        assertThat(h.log).noneMatch(a -> a instanceof DownloadAction.Cancel);
        assertThat(h.bytesBySource).containsEntry(S1.id(), SIZE / 2);
    }

    @Test
    void hintLargerThanTheObject_boundedFirstRangeIsClippedToTheRealSize() {
        long real = 100_000;
        DownloadHarness h = new DownloadHarness(real)
                .source(S1, DownloadHarness.Behaviour.steady(500_000))
                .source(S2, DownloadHarness.Behaviour.steady(500_000));
        DownloadRequest r = new DownloadRequest(KEY, OptionalLong.empty(), Duration.ofSeconds(4).toNanos(), List.of(), List.of(S1, S2),
                OptionalLong.of(SIZE));
        SegmentDownload d = K4.begin(r, SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertThat(h.completed).isEqualTo(new DownloadAction.Complete(real));
        assertThat(h.delivered.covers(new ByteRange(0, real))).isTrue();
        assertThat(h.failed).isNull();
    }

    @Test
    void busyServer_isAskedAgainAfterABackoff_andBusyAnswersDoNotSpendTheRetryBudget() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofMillis(1200));
        SegmentDownload d = K4.begin(request(4000, List.of(), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        // More busy answers than maxServerAttempts (4), none of them fatal.
        assertThat(h.busyAnswers).isGreaterThan(DownloadTuning.defaults().maxServerAttempts());
        List<DownloadAction.Start> starts = h.starts();
        for (int i = 1; i < starts.size(); i++) {
            assertThat(h.startedAtNanos(starts.get(i)) - h.startedAtNanos(starts.get(i - 1)))
                    .isGreaterThanOrEqualTo(AbstractSegmentDownload.BUSY_BACKOFF_NANOS);
        }
        assertThat(h.finishedAtNanos).isBetween(Duration.ofMillis(1200).toNanos(), Duration.ofMillis(2000).toNanos());
    }

    @Test
    void busyServer_peerCarriesTheObject_andIsNotBlamed() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(100_000))
                .source(B, DownloadHarness.Behaviour.steady(100_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofSeconds(60));
        // The peers are too slow for the deadline, so the server is asked; it stays busy.
        SegmentDownload d = K4.begin(request(2000, List.of(A, B), List.of(S1)), known(Map.of(A, 100_000.0, B, 100_000.0)));
        h.run(d, STEP, Duration.ofSeconds(10));

        assertExact(h, d);
        assertThat(h.busyAnswers).isPositive();
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isZero();
        assertThat(h.rejected).isEmpty();
    }

    @Test
    void busyAnswers_pastTheirBound_countAsFailures_andTheDownloadFails() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofMinutes(10));
        SegmentDownload d = K4.begin(request(4000, List.of(), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(30));

        assertThat(h.failed).isNotNull();
        assertThat(h.busyAnswers).isEqualTo(AbstractSegmentDownload.MAX_BUSY_ANSWERS + DownloadTuning.defaults().maxServerAttempts());
    }

    @Test
    void peersUsedUp_whileTheServerIsBusy_theDownloadLooksAgain_andTakesTheNewHolder() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000).dyingAt(Duration.ofMillis(100)))
                .source(B, DownloadHarness.Behaviour.steady(1_000_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofSeconds(60));
        h.foundOnSearch = List.of(A, B); // A is known (and failed): only B is new
        SegmentDownload d = K4.begin(request(4000, List.of(A), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.peerSearches).isEqualTo(1);
        assertThat(h.bytesBySource.get(B.id())).isPositive();
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isZero();
    }

    @Test
    void lookingAgain_isBounded_whenNothingIsFound() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000).dyingAt(Duration.ofMillis(100)))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000))
                .busyUntil(S1, Duration.ofSeconds(4));
        SegmentDownload d = K4.begin(request(4000, List.of(A), List.of(S1)), SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(10));

        assertExact(h, d); // from the server, once it is free
        assertThat(h.peerSearches).isEqualTo(AbstractSegmentDownload.MAX_PEER_SEARCHES);
    }

    private static DownloadRequest small(long bytes, boolean playerWaiting, List<Source> peers) {
        return new DownloadRequest(KEY, OptionalLong.of(bytes), Duration.ofMillis(1000).toNanos(), peers, List.of(S1), OptionalLong.empty(),
                Optional.empty(), playerWaiting);
    }

    /** A session's first audio segment: one source carries it whole, and the player waits for it. */
    @Test
    void playerWaiting_smallObject_goesWholeToTheFastestSource() {
        long bytes = 32_000;
        DownloadHarness waited = new DownloadHarness(bytes)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload d = K4.begin(small(bytes, true, List.of(A)), SourceEstimates.none());
        waited.run(d, STEP, Duration.ofSeconds(2));
        assertThat(waited.starts()).extracting(DownloadAction.Start::source).containsExactly(S1);
        assertThat(d.usefulBytes().get(SourceKind.SERVER)).isEqualTo(bytes);

        // Not waited for (something is buffered): peers first, as always.
        DownloadHarness buffered = new DownloadHarness(bytes)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload later = K4.begin(small(bytes, false, List.of(A)), SourceEstimates.none());
        buffered.run(later, STEP, Duration.ofSeconds(2));
        assertThat(buffered.starts()).extracting(DownloadAction.Start::source).containsExactly(A);

        // A peer measured faster than the server is the fastest source.
        DownloadHarness fastPeer = new DownloadHarness(bytes)
                .source(A, DownloadHarness.Behaviour.steady(5_000_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        SegmentDownload quick = K4.begin(small(bytes, true, List.of(A)), known(Map.of(A, 5_000_000.0)));
        fastPeer.run(quick, STEP, Duration.ofSeconds(2));
        assertThat(fastPeer.starts()).extracting(DownloadAction.Start::source).containsExactly(A);
    }

    /** Worth splitting: waiting or not, the peers share it and no server is asked while they make the deadline. */
    @Test
    void playerWaiting_largeObject_isStillSplitOverThePeers() {
        DownloadHarness h = new DownloadHarness(SIZE)
                .source(A, DownloadHarness.Behaviour.steady(250_000))
                .source(B, DownloadHarness.Behaviour.steady(250_000))
                .source(C, DownloadHarness.Behaviour.steady(250_000))
                .source(S1, DownloadHarness.Behaviour.steady(1_250_000));
        DownloadRequest waiting = new DownloadRequest(KEY, OptionalLong.of(SIZE), Duration.ofMillis(4000).toNanos(), List.of(A, B, C), List.of(S1),
                OptionalLong.empty(), Optional.empty(), true);
        SegmentDownload d = K4.begin(waiting, SourceEstimates.none());
        h.run(d, STEP, Duration.ofSeconds(5));

        assertExact(h, d);
        assertThat(h.starts()).extracting(DownloadAction.Start::source).containsExactly(A, B, C);
    }
}
