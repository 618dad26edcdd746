package io.privastream.core.download;

import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.media.ByteRange;
import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Drives a {@link SegmentDownload} against simulated sources in virtual time: each source
 * delivers at a rate (bytes/s, possibly changing over time), may die at a given time, and the
 * harness carries out the download's actions exactly as the agent's I/O layer would.
 */
final class DownloadHarness {
    /** How a simulated source behaves. */
    record Behaviour(Function<Long, Double> bytesPerSecondAt, long dieAtNanos, long firstByteDelayNanos, long claimedSize,
            long corruptFromOffset) {
        Behaviour(Function<Long, Double> bytesPerSecondAt, long dieAtNanos, long firstByteDelayNanos, long claimedSize) {
            this(bytesPerSecondAt, dieAtNanos, firstByteDelayNanos, claimedSize, Long.MAX_VALUE);
        }

        static Behaviour steady(double bytesPerSecond) {
            return new Behaviour(t -> bytesPerSecond, Long.MAX_VALUE, 0, -1);
        }

        Behaviour dyingAt(Duration t) {
            return new Behaviour(bytesPerSecondAt, t.toNanos(), firstByteDelayNanos, claimedSize, corruptFromOffset);
        }

        /** Sends every byte at or after {@code offset} with its bits flipped. */
        Behaviour corruptingFrom(long offset) {
            return new Behaviour(bytesPerSecondAt, dieAtNanos, firstByteDelayNanos, claimedSize, offset);
        }

        Behaviour slowingAt(Duration t, double factor) {
            long at = t.toNanos();
            Function<Long, Double> base = bytesPerSecondAt;
            return new Behaviour(now -> now >= at ? base.apply(now) / factor : base.apply(now), dieAtNanos, firstByteDelayNanos, claimedSize,
                    corruptFromOffset);
        }

        Behaviour claimingSize(long size) {
            return new Behaviour(bytesPerSecondAt, dieAtNanos, firstByteDelayNanos, size, corruptFromOffset);
        }
    }

    private record Running(DownloadAction.Start start, double[] carry, long[] next) {
    }

    final ManualTicker ticker = new ManualTicker();
    final long trueSize;
    final Map<String, Behaviour> behaviours = new HashMap<>();
    final Map<Integer, Running> running = new HashMap<>();
    final List<DownloadAction> log = new ArrayList<>();
    final RangeSet delivered = new RangeSet();
    final Map<String, Long> bytesBySource = new HashMap<>();
    final List<Source> rejected = new ArrayList<>();
    /** The object's real bytes, when the harness models content (downloads with a digest). */
    byte[] truth;
    /** What the I/O layer assembled: written like the agent does, never over a verified chunk. */
    byte[] buffer;
    SegmentDigest digest;
    final java.util.BitSet verifiedChunks = new java.util.BitSet();
    DownloadAction.Complete completed;
    DownloadAction.Fail failed;
    long finishedAtNanos = -1;

    DownloadHarness(long trueSize) {
        this.trueSize = trueSize;
    }

    /** A harness over real bytes, chunk-hashed like a publisher would. */
    static DownloadHarness withContent(byte[] truth, int chunkBytes) {
        DownloadHarness h = new DownloadHarness(truth.length);
        h.truth = truth;
        h.buffer = new byte[truth.length];
        h.digest = SegmentDigest.of(truth, chunkBytes);
        return h;
    }

    /** What a {@link DownloadAction.FindPeers} finds (answered at once); empty unless set. */
    List<Source> foundOnSearch = List.of();
    int peerSearches;

    /** Sources that answer every transfer with {@link FailureKind#BUSY} until a ticker reading. */
    final Map<String, Long> busyUntil = new HashMap<>();
    /** Busy answers given. */
    int busyAnswers;

    /** {@code source} answers busy (HTTP 503) to every transfer until {@code until}. */
    DownloadHarness busyUntil(Source source, Duration until) {
        busyUntil.put(source.id(), until.toNanos());
        return this;
    }

    DownloadHarness source(Source source, Behaviour behaviour) {
        behaviours.put(source.id(), behaviour);
        return this;
    }

    /** Runs until done or {@code limit} of virtual time passed, stepping {@code step}. */
    DownloadHarness run(SegmentDownload download, Duration step, Duration limit) {
        apply(download.start(ticker.nanos()), download);
        long end = ticker.nanos() + limit.toNanos();
        while (!download.isDone() && ticker.nanos() < end) {
            ticker.advance(step);
            long now = ticker.nanos();
            for (Running r : List.copyOf(running.values())) {
                if (!running.containsKey(r.start().transferId())) {
                    continue;
                }
                deliver(download, r, step.toNanos(), now);
                if (download.isDone()) {
                    break;
                }
            }
            if (!download.isDone()) {
                apply(download.onTick(now), download);
            }
        }
        return this;
    }

    private void deliver(SegmentDownload download, Running r, long stepNanos, long now) {
        DownloadAction.Start s = r.start();
        Behaviour b = behaviours.get(s.source().id());
        if (now < busyUntil.getOrDefault(s.source().id(), Long.MIN_VALUE)) {
            running.remove(s.transferId());
            busyAnswers++;
            apply(download.onFailure(s.transferId(), FailureKind.BUSY, now), download);
            return;
        }
        if (now >= b.dieAtNanos()) {
            running.remove(s.transferId());
            apply(download.onFailure(s.transferId(), FailureKind.CONNECTION, now), download);
            return;
        }
        if (now < r.next()[0]) {
            return;
        }
        long end = s.toEnd() ? trueSize : Math.min(s.range().end(), trueSize);
        r.carry()[0] += b.bytesPerSecondAt().apply(now) * stepNanos / 1e9;
        long n = Math.min((long) r.carry()[0], end - r.next()[1]);
        if (n > 0) {
            r.carry()[0] -= n;
            long offset = r.next()[1];
            r.next()[1] += n;
            delivered.add(ByteRange.ofLength(offset, n));
            if (truth != null) {
                write(offset, n, b.corruptFromOffset());
            }
            bytesBySource.merge(s.source().id(), n, Long::sum);
            apply(download.onData(s.transferId(), offset, n, now), download);
        }
        if (running.containsKey(s.transferId()) && r.next()[1] >= end) {
            running.remove(s.transferId());
            apply(download.onEnd(s.transferId(), now), download);
        }
    }

    private void write(long offset, long n, long corruptFrom) {
        for (long i = offset; i < offset + n; i++) {
            if (!verifiedChunks.get(digest.chunkAt(i))) {
                buffer[(int) i] = i >= corruptFrom ? (byte) ~truth[(int) i] : truth[(int) i];
            }
        }
    }

    /** Set when the download let unverified or wrong bytes into its relayable prefix. */
    boolean corruptPrefixSeen;
    private long prefixChecked;

    private void apply(List<DownloadAction> actions, SegmentDownload download) {
        if (truth != null) {
            long prefix = download.contiguousBytes();
            for (long i = prefixChecked; i < prefix; i++) {
                corruptPrefixSeen |= buffer[(int) i] != truth[(int) i];
            }
            prefixChecked = Math.max(prefixChecked, prefix);
        }
        for (DownloadAction a : actions) {
            log.add(a);
            if (a instanceof DownloadAction.Start && download.isDone()) {
                // Planned before a check in the same batch completed the object: the agent skips these too.
                continue;
            }
            switch (a) {
                case DownloadAction.Verify v -> {
                    boolean ok = digest.matches(v.chunk(), buffer, (int) v.range().start());
                    if (ok) {
                        verifiedChunks.set(v.chunk());
                    }
                    apply(download.onVerified(v.chunk(), ok, ticker.nanos()), download);
                }
                case DownloadAction.Reject r -> rejected.add(r.source());
                case DownloadAction.FindPeers f -> {
                    peerSearches++;
                    apply(download.onPeers(foundOnSearch, ticker.nanos()), download);
                }
                case DownloadAction.Start s -> {
                    Behaviour b = behaviours.get(s.source().id());
                    long now = ticker.nanos();
                    startedAt.put(s.transferId(), now);
                    running.put(s.transferId(), new Running(s, new double[1], new long[] {now + b.firstByteDelayNanos(), s.range().start()}));
                    long told = b.claimedSize() >= 0 ? b.claimedSize() : trueSize;
                    apply(download.onSize(s.transferId(), told, now), download);
                }
                case DownloadAction.Cancel c -> running.remove(c.transferId());
                case DownloadAction.Complete c -> {
                    completed = c;
                    finishedAtNanos = ticker.nanos();
                }
                case DownloadAction.Fail f -> {
                    failed = f;
                    finishedAtNanos = ticker.nanos();
                }
            }
        }
    }

    private final Map<Integer, Long> startedAt = new HashMap<>();

    /** When {@code s} was carried out (ticker nanos). */
    long startedAtNanos(DownloadAction.Start s) {
        return startedAt.get(s.transferId());
    }

    List<DownloadAction.Start> starts() {
        return log.stream().filter(a -> a instanceof DownloadAction.Start).map(a -> (DownloadAction.Start) a).toList();
    }
}
