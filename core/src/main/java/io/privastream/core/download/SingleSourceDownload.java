package io.privastream.core.download;

import io.privastream.core.media.ByteRange;
import java.util.List;
import java.util.Optional;

/**
 * One source at a time: the best peer if one holds the object, and whatever it has not delivered
 * in time is fetched from a server by Range (the classic P2P-CDN fallback).
 *
 * <p>The peer is abandoned when it stalls for {@link DownloadTuning#stallTimeout()}, fails, or
 * when, after {@link DownloadTuning#minObservation()}, its measured rate projects a finish past
 * the deadline (less the safety margin) while a server would finish sooner. A peer is not tried
 * at all when the deadline is so close that only a server can make it.
 */
final class SingleSourceDownload extends AbstractSegmentDownload {
    private boolean peerTried;

    SingleSourceDownload(DownloadRequest request, DownloadTuning tuning, SourceEstimates estimates) {
        super(request, tuning, estimates);
    }

    @Override
    void plan(long now, List<DownloadAction> out) {
        if (!active.isEmpty()) {
            return;
        }
        List<ByteRange> gaps = unassigned();
        if (gaps.isEmpty()) {
            return;
        }
        // With one source at a time the missing bytes form a single tail (or, after a peer
        // lied about a range, a few gaps): one transfer from the first gap to the end.
        ByteRange wanted = new ByteRange(gaps.getFirst().start(), gaps.getLast().end());
        if (!peerTried) {
            peerTried = true;
            Optional<Source> peer = request.peers().stream().filter(p -> !hasFailed(p)).findFirst();
            if (peer.isPresent() && (!sizeKnown() || peerHasTime(now, wanted.length()))) {
                startTransfer(peer.get(), wanted, now, out);
                return;
            }
        }
        Optional<Source> server = nextServer();
        if (server.isEmpty()) {
            giveUp("no server delivered " + request.key() + " after " + serverAttempts + " attempts", out);
            return;
        }
        startTransfer(server.get(), wanted, now, out);
    }

    @Override
    void review(long now, List<DownloadAction> out) {
        for (Transfer t : List.copyOf(transfers())) {
            if (t.source.isPeer() && shouldAbandon(t, now)) {
                cancel(t, out);
                failedSources.add(t.source);
                plan(now, out);
            } else if (!t.source.isPeer() && now - t.lastProgressNanos >= tuning.serverStallTimeout().toNanos()) {
                fail(t, FailureKind.TIMEOUT, now, out);
            }
        }
    }

    private boolean shouldAbandon(Transfer t, long now) {
        if (now - t.lastProgressNanos >= tuning.stallTimeout().toNanos()) {
            return true;
        }
        if (!sizeKnown()) {
            return false; // no projection without a size: only the stall timeout applies
        }
        long remaining = remainingBytes();
        long latestSafe = request.deadlineNanos() - tuning.safetyMargin().toNanos();
        Source server = request.servers().getFirst();
        long serverFinish = now + (long) (serverSeconds(server, remaining) * 1e9);
        if (now - t.startedNanos < tuning.minObservation().toNanos()) {
            // Too early to judge the peer's rate, unless waiting longer would leave even a
            // server unable to make the deadline.
            return serverFinish >= latestSafe;
        }
        double rate = t.rate(now);
        long peerFinish = rate > 0 ? now + (long) (remaining / rate * 1e9) : Long.MAX_VALUE;
        return peerFinish > latestSafe && serverFinish < peerFinish;
    }

    private boolean peerHasTime(long now, long bytes) {
        long latestSafe = request.deadlineNanos() - tuning.safetyMargin().toNanos();
        long serverFinish = now + (long) (serverSeconds(request.servers().getFirst(), bytes) * 1e9);
        return serverFinish < latestSafe;
    }
}
