package io.privastream.simulator;

import io.privastream.core.download.DownloadAction;
import io.privastream.core.download.FailureKind;
import io.privastream.core.download.FetchTrace;
import io.privastream.core.download.SegmentDownload;
import io.privastream.core.download.Source;
import io.privastream.core.download.SourceKind;
import io.privastream.core.incentive.UploadSlots;
import io.privastream.core.media.ByteRange;
import io.privastream.core.media.SegmentKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One object's download by one viewer's agent: the core's {@link SegmentDownload} state machine
 * driven by simulated transfers, exactly as {@code agent.DownloadExecution} drives it by HTTP.
 *
 * <p>Every action the download returns is carried out here: a {@code Start} opens a flow after
 * the round trip, a {@code Cancel} closes it, progress is reported every review period and when
 * a flow finishes. A transfer from a peer that is itself still fetching the object (a pending
 * holder) relays: it cannot finish before its upstream has the bytes.
 */
final class SimFetch {
    /** Relay chains are followed this deep when working out what a relay has; deeper, the last report counts. */
    private static final int MAX_RELAY_DEPTH = 16;

    /** How a fetch ended: its useful bytes per kind of source, or a failure. */
    record Outcome(boolean ok, long sizeBytes, long peerBytes, long serverBytes, long startedNanos, long endedNanos, long deadlineNanos) {
        /** How far past its deadline the object arrived, 0 if in time. */
        long lateNanos() {
            return Math.max(0, endedNanos - deadlineNanos);
        }
    }

    final Simulation sim;
    final SimViewer owner;
    final SegmentKey key;
    final int rendition;
    final long sizeBytes;
    final long startedNanos;
    final long deadlineNanos;
    private final SegmentDownload download;
    private final List<Transfer> transfers = new ArrayList<>(4);
    private final List<java.util.function.Consumer<Outcome>> waiters = new ArrayList<>(1);
    /** Transfers of other agents relaying this object as it arrives. */
    private final List<Transfer> relays = new ArrayList<>(0);
    private boolean done;
    private boolean ok;
    /** What each transfer did, kept only when the simulation logs fetches (see {@link FetchRow#transfers()}). */
    private final FetchTrace log;
    private static final int CACHE_SLOTS = 4;
    private long cacheAtNanos = Long.MIN_VALUE / 2;
    private int cached;
    private final long[] cacheOffset = new long[CACHE_SLOTS];
    private final long[] cacheReach = new long[CACHE_SLOTS];

    SimFetch(Simulation sim, SimViewer owner, SegmentKey key, int rendition, long sizeBytes, long deadlineNanos, SegmentDownload download) {
        this.deadlineNanos = deadlineNanos;
        this.sim = sim;
        this.owner = owner;
        this.key = key;
        this.rendition = rendition;
        this.sizeBytes = sizeBytes;
        this.download = download;
        this.startedNanos = sim.now();
        this.log = sim.logsFetches() ? new FetchTrace(startedNanos) : null;
    }

    /** A transfer the download asked for. */
    final class Transfer {
        final int id;
        final Source source;
        final long start;
        long end;
        long reported;
        long openedNanos = -1;
        FlowNetwork.Flow flow;
        SimFetch upstream;
        SimViewer server;
        boolean cancelled;
        boolean waitingUpstream;
        /** Holds an upload slot at its peer (or asked before slots existed for it). */
        boolean admitted;
        /** The peer whose upload queue this transfer waits in, or null. */
        SimViewer queuedAt;
        long ticket;

        Transfer(int id, Source source, ByteRange range) {
            this.id = id;
            this.source = source;
            this.start = range.start();
            this.end = Math.min(range.end(), sizeBytes);
        }

        SimFetch fetch() {
            return SimFetch.this;
        }

        /** Bytes this transfer may report by now: what the flow carried, and no more than its upstream has. */
        long available(long now) {
            return available(now, 0);
        }

        /** {@link #available(long)}, {@code depth} hops down a relay chain. */
        long available(long now, int depth) {
            long got = flow == null ? reported : (long) Math.floor(flow.deliveredBytes(now));
            if (upstream != null && !upstream.done) {
                got = Math.min(got, Math.max(0, upstream.readyFrom(start, now, depth) - start));
            }
            return Math.min(got, end - start);
        }
    }

    void begin() {
        apply(download.start(sim.now()));
        if (!done) {
            sim.at(sim.now() + sim.reviewNanos(), this::review);
        }
    }

    void await(java.util.function.Consumer<Outcome> waiter) {
        waiters.add(waiter);
    }

    boolean done() {
        return done;
    }

    /**
     * Where the bytes that have arrived by {@code now} without a gap from {@code offset} end: what
     * a relay may pass on to a transfer starting there. What the download was told of, extended
     * by what its transfers carried since (the agent relays bytes as they arrive, not at review
     * times). {@code depth} bounds the walk up relay chains.
     */
    long readyFrom(long offset, long now, int depth) {
        if (done || depth > MAX_RELAY_DEPTH) {
            return done && ok ? sizeBytes : download.readyFrom(offset);
        }
        // Asked again within one instant (many relays share an upstream, asking from a few offsets):
        // remembered, else walking a relay tree would cost its size at every level. Looked up
        // before anything else: most calls are answered here. With a relayReach tolerance the
        // answer is kept that long across instants too: at 100,000 viewers nearly every event is
        // an instant of its own, and re-walking chains 16 deep took a third of the time. Reach
        // only grows, so a kept answer understates it (what a transfer cancelled since carried
        // is the exception, for at most the tolerance).
        if (now - cacheAtNanos > sim.relayReachNanos()) {
            cacheAtNanos = now;
            cached = 0;
        }
        for (int i = 0; i < cached; i++) {
            if (cacheOffset[i] == offset) {
                return cacheReach[i];
            }
        }
        long reach = download.readyFrom(offset);
        boolean grew = true;
        while (grew) {
            grew = false;
            // Indexed: this runs millions of times a simulated minute, recursively (no iterator to allocate).
            for (int i = 0; i < transfers.size(); i++) {
                Transfer t = transfers.get(i);
                if (t.start <= reach && t.openedNanos >= 0 && !t.cancelled) {
                    long end = t.start + t.available(now, depth + 1);
                    if (end > reach) {
                        reach = Math.max(download.readyFrom(end), end);
                        grew = true;
                    }
                }
            }
        }
        int slot = cached < CACHE_SLOTS ? cached++ : (int) (offset % CACHE_SLOTS);
        cacheOffset[slot] = offset;
        cacheReach[slot] = reach;
        return reach;
    }

    void relay(Transfer t) {
        relays.add(t);
    }

    private void review() {
        if (done) {
            return;
        }
        long now = sim.now();
        for (Transfer t : List.copyOf(transfers)) {
            if (t.waitingUpstream && !t.cancelled && t.available(now) >= t.end - t.start) {
                ended(t); // its upstream has its part now, though not yet the whole object
            } else {
                report(t, now);
            }
            if (done) {
                return;
            }
        }
        apply(download.onTick(now));
        if (!done) {
            sim.at(now + sim.reviewNanos(), this::review);
        }
    }

    private void report(Transfer t, long now) {
        if (t.cancelled || t.openedNanos < 0) {
            return;
        }
        long got = t.available(now);
        if (got > t.reported) {
            long from = t.start + t.reported;
            long more = got - t.reported;
            t.reported = got;
            apply(download.onData(t.id, from, more, now));
        }
    }

    /** Carries out {@code actions} in order (and whatever their outcomes ask for). */
    void apply(List<DownloadAction> actions) {
        for (DownloadAction a : actions) {
            switch (a) {
                case DownloadAction.Start s -> {
                    Transfer t = new Transfer(s.transferId(), s.source(), s.range());
                    if (log != null) {
                        boolean relaying = s.source().isPeer() && !sim.viewer(s.source().id()).holds(key);
                        log.started(t.id, s.source(), s.range(), false, relaying, sim.now());
                    }
                    transfers.add(t);
                    sim.at(sim.now() + sim.roundTripNanos(owner, s.source()), () -> open(t));
                }
                case DownloadAction.Cancel c -> find(c.transferId()).ifPresent(this::cancel);
                case DownloadAction.Verify v -> apply(download.onVerified(v.chunk(), true, sim.now()));
                case DownloadAction.Reject r -> {
                    if (r.source().isPeer()) {
                        owner.health.failure(r.source().id(), FailureKind.CORRUPT, sim.now());
                    }
                }
                case DownloadAction.FindPeers f -> sim.at(sim.now() + sim.roundTripNanos(owner, sim.serverSource(0)), () -> {
                    // A tracker round trip (taken as the one to the first server), then the answer.
                    if (!done) {
                        apply(download.onPeers(owner.morePeers(key, sim.now()), sim.now()));
                    }
                });
                case DownloadAction.Complete c -> finish(true);
                case DownloadAction.Fail f -> finish(false);
            }
        }
    }

    private java.util.Optional<Transfer> find(int id) {
        for (Transfer t : transfers) {
            if (t.id == id) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Asks {@code holder}'s upload queue for a slot at this viewer's rank ({@link UploadSlots});
     * false when the transfer has to wait, and then it is told busy if no slot came within the
     * patience, as the agent does.
     */
    private boolean enterQueue(Transfer t, SimViewer holder, long now) {
        long ticket = holder.nextTicket();
        if (holder.uploadSlots.request(ticket, owner.priority())) {
            t.admitted = true;
            return true;
        }
        t.queuedAt = holder;
        t.ticket = ticket;
        holder.waitingUploads.put(ticket, t);
        sim.at(now + UploadSlots.PATIENCE.toNanos(), () -> {
            if (holder.waitingUploads.remove(ticket) == t && holder.uploadSlots.withdraw(ticket)) {
                t.queuedAt = null;
                failed(t, FailureKind.BUSY);
            }
        });
        return false;
    }

    /** A slot at its peer came for {@code t}, which waited for one. */
    void admitted(Transfer t) {
        SimViewer holder = t.queuedAt;
        t.queuedAt = null;
        t.admitted = true;
        if (t.cancelled || done) {
            holder.uploadEnded();
            return;
        }
        open(t);
    }

    /** The request reached the source: it answers with the size and starts sending, or fails. */
    private void open(Transfer t) {
        if (t.cancelled || done) {
            return;
        }
        long now = sim.now();
        SimNode from;
        if (t.source.isPeer()) {
            SimViewer holder = sim.viewer(t.source.id());
            if (holder.crashed()) {
                return; // no answer ever: the download notices the silence and goes elsewhere
            }
            if (!holder.present()) {
                if (t.admitted) {
                    holder.uploadEnded();
                }
                failed(t, FailureKind.CONNECTION);
                return;
            }
            java.util.Optional<SimFetch> running = holder.running(key);
            if (!holder.holds(key) && running.isEmpty()) {
                if (t.admitted) {
                    holder.uploadEnded();
                }
                failed(t, FailureKind.STATUS); // 404: it dropped the object or never got it
                return;
            }
            if (!t.admitted && !enterQueue(t, holder, now)) {
                return; // waits for a slot, at most its patience
            }
            t.upstream = holder.holds(key) ? null : running.get();
            t.server = holder;
            holder.serving.add(t);
            from = holder.node;
        } else {
            from = sim.server(t.source.id());
            // Every flow on a server's uplink is one of its transfers: past its limit it answers
            // 503, as the origin does (but for an object's first answer, TransferLimit); the
            // transfers it reserves go only to viewers in good standing, as their tickets show it.
            io.privastream.core.rate.TransferLimit limit = sim.transferLimit(t.source.id());
            if (!limit.admit(from.up().flowCount(), key.path(), !limit.reserves() || owner.inGoodStanding())) {
                sim.metrics().serverBusy();
                failed(t, FailureKind.BUSY);
                return;
            }
        }
        t.openedNanos = now;
        apply(download.onSize(t.id, sizeBytes, now));
        if (t.cancelled || done) {
            return;
        }
        t.end = Math.min(t.end, sizeBytes);
        if (t.end <= t.start) {
            ended(t);
            return;
        }
        t.flow = sim.network().open(sim.path(from, owner.node), t.end - t.start, t, now);
        if (t.upstream != null) {
            t.upstream.relay(t);
        }
    }

    /** The flow delivered its last byte (called by the simulation). */
    void flowFinished(Transfer t) {
        sim.network().close(t.flow, sim.now());
        if (t.cancelled || done) {
            return;
        }
        if (t.upstream != null && !t.upstream.done && t.upstream.readyFrom(t.start, sim.now(), 0) < t.end) {
            t.waitingUpstream = true; // the relay sent what it had; the rest follows its upstream
            return;
        }
        ended(t);
    }

    private void ended(Transfer t) {
        if (t.cancelled || done) {
            return;
        }
        long now = sim.now();
        long length = t.end - t.start;
        transfers.remove(t);
        unserve(t);
        if (t.source.isPeer()) {
            owner.health.success(t.source.id());
        }
        owner.throughput.record(t.source, length, Math.max(1, now - t.openedNanos));
        if (length > t.reported) {
            long from = t.start + t.reported;
            long more = length - t.reported;
            t.reported = length;
            apply(download.onData(t.id, from, more, now));
        }
        if (!t.cancelled && !done) {
            apply(download.onEnd(t.id, now));
        }
    }

    private void failed(Transfer t, FailureKind kind) {
        if (log != null) {
            log.failed(t.id, t.source, kind, sim.now());
        }
        transfers.remove(t);
        unserve(t);
        if (t.flow != null) {
            sim.network().close(t.flow, sim.now());
        }
        if (t.source.isPeer()) {
            owner.health.failure(t.source.id(), kind, sim.now());
        }
        if (!done) {
            apply(download.onFailure(t.id, kind, sim.now()));
        }
    }

    private void cancel(Transfer t) {
        if (log != null) {
            log.cancelled(t.id, t.source, sim.now());
        }
        t.cancelled = true;
        transfers.remove(t);
        unserve(t);
        if (t.flow != null) {
            sim.network().close(t.flow, sim.now());
            if (t.openedNanos >= 0) {
                owner.throughput.record(t.source, t.available(sim.now()), Math.max(1, sim.now() - t.openedNanos));
            }
        }
    }

    /** The viewer serving {@code t} went away: the transfer fails (a clean leave) or goes silent (a crash). */
    void sourceGone(Transfer t, boolean crash) {
        if (t.cancelled || done) {
            return;
        }
        if (crash) {
            if (t.flow != null) {
                sim.network().close(t.flow, sim.now()); // nothing more arrives; the download times it out
            }
        } else {
            failed(t, FailureKind.CONNECTION);
        }
    }

    /** The owner left: everything stops, no outcome is delivered. */
    void abandon() {
        for (Transfer t : List.copyOf(transfers)) {
            cancel(t);
        }
        done = true;
        failRelays();
    }

    private void finish(boolean success) {
        if (done) {
            return;
        }
        done = true;
        ok = success;
        long now = sim.now();
        for (Transfer t : transfers) {
            t.cancelled = true;
            unserve(t);
            if (t.flow != null) {
                sim.network().close(t.flow, now);
            }
        }
        transfers.clear();
        Map<SourceKind, Long> useful = download.usefulBytes();
        Outcome outcome = new Outcome(success, sizeBytes, useful.getOrDefault(SourceKind.PEER, 0L), useful.getOrDefault(SourceKind.SERVER, 0L),
                startedNanos, now, deadlineNanos);
        if (log != null) {
            sim.logFetch(new FetchRow(owner.index, key.path(), startedNanos / 1e9, (now - startedNanos) / 1e9, (deadlineNanos - startedNanos) / 1e9,
                    sizeBytes, outcome.peerBytes(), outcome.serverBytes(), success, log.toString()));
        }
        owner.fetched(this, outcome, download.usefulBytesBySource());
        if (success) {
            for (Transfer r : relays) {
                if (r.waitingUpstream && !r.cancelled) {
                    r.fetch().ended(r);
                }
            }
            relays.clear();
        } else {
            failRelays();
        }
        for (var w : waiters) {
            w.accept(outcome);
        }
        waiters.clear();
    }

    private void failRelays() {
        for (Transfer r : relays) {
            if (!r.cancelled && !r.fetch().done) {
                r.fetch().failed(r, FailureKind.SHORT_BODY);
            }
        }
        relays.clear();
    }

    /** {@code t} no longer needs its peer: out of its queue, or its slot freed for the next. */
    private static void unserve(Transfer t) {
        if (t.queuedAt != null) {
            t.queuedAt.waitingUploads.remove(t.ticket);
            t.queuedAt.uploadSlots.withdraw(t.ticket);
            t.queuedAt = null;
        }
        if (t.server != null && t.server.serving.remove(t)) {
            t.server.uploadEnded();
        }
    }

    boolean succeeded() {
        return done && ok;
    }
}
