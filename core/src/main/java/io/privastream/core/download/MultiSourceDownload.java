package io.privastream.core.download;

import io.privastream.core.media.ByteRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MS-Stream's way: one object fetched as complementary byte ranges from up to {@code k} sources
 * at once, each range sized in proportion to its source's expected throughput.
 *
 * <p>Peers come first; servers are the floor and the filler: one joins only when the peers'
 * expected aggregate rate would miss the deadline (or there are no peers), and whatever a slow
 * source would still hold past the deadline is taken from it and given to a server (at once, or
 * nearer the deadline: {@link DownloadTuning#rescueHeadroom()}). A source that finishes early
 * takes over the tail of the slowest remaining range (work stealing), so fast sources absorb
 * more. With no peers and several servers this is plain MS-Stream.
 *
 * <p>The size must be known to split; while it is not, one server transfer runs to the end and
 * the rest is split once its first answer tells the size.
 */
final class MultiSourceDownload extends AbstractSegmentDownload {
    private final int maxSources;
    /** Sources that delivered their part in this download and may take more. */
    private final Set<Source> idle = new LinkedHashSet<>();
    /** Bytes are left unassigned because every server answered busy: plan again once one may take them. */
    private boolean waitingOnBusy;

    MultiSourceDownload(DownloadRequest request, DownloadTuning tuning, SourceEstimates estimates, int maxSources) {
        super(request, tuning, estimates);
        this.maxSources = maxSources;
    }

    @Override
    void plan(long now, List<DownloadAction> out) {
        if (!sizeKnown()) {
            if (active.isEmpty()) {
                // A pending peer relays the object as it arrives; else a server tells the size.
                Optional<Source> peer = peerCandidates().stream().findFirst();
                if (peer.isPresent()) {
                    startTransfer(peer.get(), unassigned().getFirst(), now, out);
                } else {
                    startServerOrGiveUp(firstServerRange(), now, out);
                }
            }
            return;
        }
        List<ByteRange> gaps = unassigned();
        if (gaps.isEmpty()) {
            stealForIdle(now, out);
            return;
        }
        int slots = Math.max(1, maxSources - active.size());
        List<Source> chosen = choose(gaps, slots, now);
        if (chosen.isEmpty()) {
            if (serverBackingOff()) {
                waitingOnBusy = true; // review asks again when the backoff ends
                // Meanwhile the swarm may have completed the object somewhere: look again.
                findPeers(now, out);
                return;
            }
            if (!active.isEmpty()) {
                // Every usable source is busy with its own part: the first to finish takes the gap.
                return;
            }
            giveUp("no source left for " + request.key() + " after " + serverFailures + " failed server transfers", out);
            return;
        }
        assign(gaps, chosen, now, out);
    }

    @Override
    void review(long now, List<DownloadAction> out) {
        long latestSafe = request.deadlineNanos() - tuning.safetyMargin().toNanos();
        for (Transfer t : List.copyOf(transfers())) {
            if (!active.containsKey(t.id)) {
                continue;
            }
            long quiet = now - t.lastProgressNanos;
            if (t.source.isPeer() && quiet >= tuning.stallTimeout().toNanos()) {
                fail(t, FailureKind.TIMEOUT, now, out);
                continue;
            }
            if (!t.source.isPeer() && quiet >= tuning.serverStallTimeout().toNanos()) {
                fail(t, FailureKind.TIMEOUT, now, out);
                continue;
            }
            rescueTail(t, now, latestSafe, out);
        }
        if (waitingOnBusy && !serverBackingOff() && !isDone()) {
            waitingOnBusy = false;
            plan(now, out);
        }
    }

    /** Gives a faster source the part of {@code t}'s range it would still hold past the deadline. */
    private void rescueTail(Transfer t, long now, long latestSafe, List<DownloadAction> out) {
        if (!sizeKnown()) {
            return;
        }
        long remaining = t.remaining();
        if (remaining <= 0) {
            return;
        }
        double rate = observedRate(t, now);
        long finish = rate > 0 ? now + (long) (remaining / rate * 1e9) : Long.MAX_VALUE;
        if (finish <= latestSafe) {
            return;
        }
        long next = Math.max(t.range.start(), t.nextOffset());
        double canStillDo = rate > 0 ? rate * Math.max(0, latestSafe - now) / 1e9 : 0;
        // A small remainder is not split (a tiny tail is not worth a request): it moves whole.
        // Never leaving it is what keeps a slow drip on a small range from making the object late.
        long keep = splittable(remaining) ? Math.min(remaining - tuning.minChunkBytes(), (long) canStillDo) : 0;
        long cut = next + Math.max(0, keep);
        ByteRange tail = new ByteRange(cut, t.range.end());
        // Who takes it: a free server; else, for a late peer when every server refused or
        // failed in this download (the swarm is what is left), another peer expected to beat
        // it. A server busy with another part of this download is waited for: it takes over
        // when its part ends. (Before, with the servers refusing, a relay dripping a range too
        // small for an idle peer to steal kept it as long as it dripped: 80 s in a simulated
        // crowd, a quarter of which stalled for good behind such relays.)
        Optional<Source> rescuer = freeServer(t.source)
                .or(() -> t.source.isPeer() && serversRefused() ? fasterPeer(t.source, tail.length(), finish, now) : Optional.empty());
        if (rescuer.isEmpty()) {
            lookFurther(t, now, out);
            return;
        }
        long rescueNanos = (long) (expectedSeconds(rescuer.get(), tail.length()) * 1e9);
        // Only worth it if the rescuer is expected to beat the slow source on that tail.
        if (now + rescueNanos >= finish) {
            return;
        }
        // Not yet while there is time for the source to catch up (see DownloadTuning.rescueHeadroom).
        if (tuning.rescueHeadroom() > 0 && now + (long) (tuning.rescueHeadroom() * rescueNanos) < latestSafe) {
            return;
        }
        if (cut <= next) {
            cancel(t, out);
            failedSources.add(t.source);
        } else {
            t.range = new ByteRange(t.range.start(), cut);
        }
        idle.remove(rescuer.get());
        startTransfer(rescuer.get(), tail, now, out);
    }

    /**
     * A late peer's part that no one can take now: when every server refused, the download
     * looks for more holders (a peer found takes it at the next review). Not asked of a server
     * that refused: hedging even the small remainders there (the peer keeping its range, the
     * first to deliver counting) cut the simulated crowd's rebuffering from 0.30 to 0.18 %, but
     * in the emulated free-rider experiment (tokens, a 4 Mbit/s origin sending 4 answers at
     * once) players stalled 113 times instead of 32 in one run each, so it is not done.
     */
    private void lookFurther(Transfer t, long now, List<DownloadAction> out) {
        if (t.source.isPeer() && serversRefused()) {
            findPeers(now, out);
        }
    }

    /** True if every server answered busy or failed in this download. */
    private boolean serversRefused() {
        return request.servers().stream().allMatch(s -> answeredBusy(s) || failedSources.contains(s));
    }

    /** The fastest peer free to take {@code bytes} off {@code late}, if it is expected to finish before {@code finish}. */
    private Optional<Source> fasterPeer(Source late, long bytes, long finish, long now) {
        return peerCandidates().stream()
                .filter(p -> !p.equals(late))
                .max(Comparator.comparingDouble(this::rateOf))
                .filter(p -> now + (long) (expectedSeconds(p, bytes) * 1e9) < finish);
    }

    /** When every byte is assigned, a source that finished early takes the tail of the slowest range. */
    private void stealForIdle(long now, List<DownloadAction> out) {
        for (Source helper : List.copyOf(idle)) {
            if (active.size() >= maxSources) {
                return;
            }
            Optional<Transfer> victim = active.values().stream()
                    .filter(t -> splittable(t.remaining()))
                    .max(Comparator.comparingDouble(t -> t.remaining() / Math.max(1, observedRate(t, now))));
            if (victim.isEmpty()) {
                return;
            }
            Transfer v = victim.get();
            double victimRate = Math.max(1, observedRate(v, now));
            double helperRate = rateOf(helper);
            long remaining = v.remaining();
            long share = (long) (remaining * helperRate / (helperRate + victimRate));
            if (share < tuning.minChunkBytes()) {
                continue;
            }
            long cut = v.range.end() - share;
            v.range = new ByteRange(v.range.start(), cut);
            idle.remove(helper);
            startTransfer(helper, new ByteRange(cut, cut + share), now, out);
        }
    }

    /**
     * Picks up to {@code slots} sources for the unassigned bytes. Peers first, all of them (their
     * uplinks are what the swarm is for, and their aggregate is what lifts quality); servers join
     * while the peers' expected rate would miss the target ({@code targetShare} of the time to the
     * deadline). With no peer at all, up to
     * {@code slots} servers share the bytes (MS-Stream).
     */
    private List<Source> choose(List<ByteRange> gaps, int slots, long now) {
        long bytes = gaps.stream().mapToLong(ByteRange::length).sum();
        if (request.playerWaiting() && !splittable(bytes)) {
            // One source will carry it whole, and the player waits for it now: the one expected
            // to be fastest, server or peer. (Peers first would send a session's first audio
            // segment over a 2 Mbit/s uplink while a 10 Mbit/s server sits idle.)
            Optional<Source> fastest = fastestOf(peerCandidates(), serverCandidates());
            if (fastest.isPresent()) {
                return new ArrayList<>(List.of(fastest.get()));
            }
        }
        List<Source> chosen = new ArrayList<>();
        double rate = 0;
        for (Source p : peerCandidates()) {
            if (chosen.size() >= slots) {
                break;
            }
            chosen.add(p);
            rate += rateOf(p);
        }
        List<Source> servers = serverCandidates();
        if (chosen.isEmpty()) {
            return servers.subList(0, Math.min(slots, servers.size()));
        }
        long latestSafe = request.deadlineNanos() - tuning.safetyMargin().toNanos();
        // Aim before the deadline (targetShare): what the player measures is how fast we deliver.
        long target = now + (long) (Math.max(0, latestSafe - now) * tuning.targetShare());
        for (Source s : servers) {
            if (now + (long) (bytes / rate * 1e9) <= target) {
                break;
            }
            if (answeredBusy(s)) {
                // It is feeding others at its limit: peers keep the bytes; the deadline rescue may still ask it.
                continue;
            }
            if (chosen.size() >= slots) {
                // Replace the slowest peer by a server: servers are the floor.
                Source slowest = chosen.stream().filter(Source::isPeer).min(Comparator.comparingDouble(this::rateOf)).orElse(null);
                if (slowest == null) {
                    break;
                }
                chosen.remove(slowest);
                rate -= rateOf(slowest);
            }
            chosen.add(s);
            rate += rateOf(s);
        }
        return chosen;
    }

    /** Worth cutting in two: each part at least the minimum chunk. */
    private boolean splittable(long bytes) {
        return bytes >= 2 * tuning.minChunkBytes();
    }

    private Optional<Source> fastestOf(List<Source> peers, List<Source> servers) {
        Source best = null;
        for (List<Source> group : List.of(peers, servers)) {
            for (Source s : group) {
                if (!answeredBusy(s) && (best == null || rateOf(s) > rateOf(best))) {
                    best = s;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private List<Source> peerCandidates() {
        List<Source> out = new ArrayList<>();
        idle.stream().filter(Source::isPeer).forEach(out::add);
        for (Source p : peers) {
            if (!out.contains(p) && !hasFailed(p) && !busy(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private List<Source> serverCandidates() {
        List<Source> out = new ArrayList<>();
        // Parts that servers deliver are not attempts to bound; failures are.
        if (serverFailures >= tuning.maxServerAttempts()) {
            return out;
        }
        for (Source s : request.servers()) {
            if (!hasFailed(s) && !busy(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty() && active.values().stream().noneMatch(t -> !t.source.isPeer()) && !serverBackingOff()) {
            // Every server failed once: retry them in turn (bounded by maxServerAttempts).
            out.add(request.servers().get(serverFailures % request.servers().size()));
        }
        return out;
    }

    private Optional<Source> freeServer(Source exclude) {
        if (serverFailures >= tuning.maxServerAttempts()) {
            return Optional.empty();
        }
        // A server that answered busy in this download is not handed a peer's tail: the peer would
        // be dropped for a server that is likely to refuse again, and the bytes left with no one.
        return request.servers().stream().filter(s -> !s.equals(exclude) && !hasFailed(s) && !busy(s) && !answeredBusy(s)).findFirst();
    }

    /** Splits the gaps over {@code sources} in proportion to their expected rates, in order. */
    private void assign(List<ByteRange> gaps, List<Source> sources, long now, List<DownloadAction> out) {
        long total = gaps.stream().mapToLong(ByteRange::length).sum();
        List<Source> usable = new ArrayList<>(sources);
        // Small objects are not worth splitting below the minimum chunk.
        while (usable.size() > 1 && total / usable.size() < tuning.minChunkBytes()) {
            usable.remove(slowestOf(usable));
        }
        double sum = usable.stream().mapToDouble(this::rateOf).sum();
        long[] quota = new long[usable.size()];
        long given = 0;
        for (int i = 0; i < usable.size(); i++) {
            quota[i] = i == usable.size() - 1 ? total - given : (long) (total * rateOf(usable.get(i)) / sum);
            given += quota[i];
        }
        int gi = 0;
        long cursor = gaps.getFirst().start();
        for (int i = 0; i < usable.size(); i++) {
            long want = quota[i];
            while (want > 0 && gi < gaps.size()) {
                ByteRange gap = gaps.get(gi);
                cursor = Math.max(cursor, gap.start());
                long take = Math.min(want, gap.end() - cursor);
                startTransfer(usable.get(i), new ByteRange(cursor, cursor + take), now, out);
                idle.remove(usable.get(i));
                cursor += take;
                want -= take;
                if (cursor >= gap.end()) {
                    gi++;
                }
            }
        }
    }

    private Source slowestOf(List<Source> sources) {
        // Keep servers when trimming: they are the floor.
        return sources.stream().min(Comparator.comparing((Source s) -> !s.isPeer()).thenComparingDouble(this::rateOf)).orElseThrow();
    }

    private boolean busy(Source s) {
        return active.values().stream().anyMatch(t -> t.source.equals(s));
    }

    /** Expected bytes per second of {@code s}. */
    private double rateOf(Source s) {
        double fallback = s.isPeer() ? tuning.defaultPeerBytesPerSecond() : tuning.defaultServerBytesPerSecond();
        return estimates.bytesPerSecond(s).orElse(fallback);
    }

    /** The rate {@code t} shows, once observed long enough; its source's estimate before that. */
    private double observedRate(Transfer t, long now) {
        if (now - t.startedNanos >= tuning.minObservation().toNanos() && t.firstByteNanos >= 0) {
            return t.rate(now);
        }
        return rateOf(t.source);
    }

    /**
     * What the first server is asked for while the size is unknown: everything, unless a size hint
     * says how much its share of a split over the servers would be; then just that share, so no
     * transfer has to be cut later (cutting an HTTP/1.1 answer costs its bytes in flight and its
     * connection). The other servers join once the answer tells the real size.
     */
    private ByteRange firstServerRange() {
        ByteRange open = unassigned().getFirst();
        List<Source> servers = serverCandidates();
        int sharing = Math.min(maxSources, servers.size());
        if (request.sizeHint().isEmpty() || sharing < 2) {
            return open;
        }
        long hint = request.sizeHint().getAsLong();
        double sum = servers.subList(0, sharing).stream().mapToDouble(this::rateOf).sum();
        long share = (long) (hint * rateOf(servers.getFirst()) / sum);
        if (hint / sharing < tuning.minChunkBytes() || share >= hint) {
            return open;
        }
        return new ByteRange(open.start(), open.start() + Math.max(share, tuning.minChunkBytes()));
    }

    private void startServerOrGiveUp(ByteRange range, long now, List<DownloadAction> out) {
        List<Source> servers = serverCandidates();
        if (servers.isEmpty() && serverBackingOff()) {
            waitingOnBusy = true;
            findPeers(now, out);
            return;
        }
        if (servers.isEmpty()) {
            giveUp("no server delivered " + request.key() + " after " + serverFailures + " failed attempts", out);
            return;
        }
        startTransfer(servers.getFirst(), range, now, out);
    }

    @Override
    public List<DownloadAction> onSize(int transferId, long totalBytes, long nowNanos) {
        boolean wasUnknown = !sizeKnown();
        List<DownloadAction> out = super.onSize(transferId, totalBytes, nowNanos);
        if (wasUnknown && sizeKnown() && !isDone() && peers.isEmpty()) {
            // Now that the size is known, the spare servers can take parts of the tail.
            request.servers().stream().filter(srv -> !busy(srv) && !hasFailed(srv)).forEach(idle::add);
            plan(nowNanos, out);
        }
        return out;
    }

    @Override
    void partDone(Transfer t) {
        idle.add(t.source);
        // A source may send past a range shortened while its bytes were under way: what arrived
        // is trimmed from the others' ranges, so that no one steals, or waits for, bytes already here.
        for (Transfer o : transfers()) {
            List<ByteRange> missing = received.missing(o.range);
            long end = missing.isEmpty() ? o.range.start() : missing.getLast().end();
            if (end < o.range.end()) {
                o.range = new ByteRange(o.range.start(), end);
            }
        }
    }
}
