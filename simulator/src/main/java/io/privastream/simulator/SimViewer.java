package io.privastream.simulator;

import io.privastream.core.abr.AbrInput;
import io.privastream.core.abr.AbrStrategy;
import io.privastream.core.abr.ThroughputEstimator;
import io.privastream.core.cache.CacheBook;
import io.privastream.core.download.DeadlinePolicy;
import io.privastream.core.download.DownloadRequest;
import io.privastream.core.download.LivePrefetch;
import io.privastream.core.download.PeerHealth;
import io.privastream.core.download.PeerSelector;
import io.privastream.core.download.SizeHints;
import io.privastream.core.download.Source;
import io.privastream.core.download.ThroughputTracker;
import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.ServerStanding;
import io.privastream.core.incentive.UploadSlots;
import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.playback.BufferedSegment;
import io.privastream.core.playback.MediaKind;
import io.privastream.core.playback.PlaybackConfig;
import io.privastream.core.playback.PlaybackModel;
import io.privastream.core.playback.PlaybackState;
import io.privastream.core.playback.QoeReport;
import io.privastream.core.swarm.HeldObject;
import io.privastream.core.swarm.HolderInfo;
import io.privastream.core.swarm.NotInSwarmException;
import io.privastream.core.swarm.SwarmMode;
import io.privastream.core.playback.BufferThreshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * One viewer: a player (ABR, buffer, QoE) and its agent (cache, tracker lookups, downloads), made
 * of the same core classes the headless player and the networked agent use. Only the I/O is
 * simulated: requests take the round trip, bytes flow through {@link FlowNetwork}.
 */
final class SimViewer {
    /** A cached object and where its bytes came from. */
    private record Held(long sizeBytes, long peerBytes, long serverBytes, double deliveredBytesPerSecond) {
    }

    final Simulation sim;
    final int index;
    final String id;
    final PeerId peer;
    final SimNode node;
    final boolean uploads;
    final double uploadBytesPerSecond;
    final long joinNanos;
    final long leaveNanos;
    final boolean crashes;
    // agent
    final PeerHealth health = new PeerHealth(Duration.ofMillis(500), Duration.ofSeconds(30), 3, Duration.ofMinutes(5), 256);
    final ThroughputTracker throughput = new ThroughputTracker(Duration.ofSeconds(4), 256);
    private final PeerSelector selector;
    private final DeadlinePolicy deadlines;
    private final CacheBook cache;
    private final SizeHints hints = new SizeHints(8);
    private final LivePrefetch lead;
    private final IncentivePolicy incentive;
    private final Map<SegmentKey, Held> held = new HashMap<>();
    private final Map<SegmentKey, SimFetch> running = new HashMap<>();
    /** Transfers this viewer serves (or relays) to others: told when it goes. */
    final java.util.Set<SimFetch.Transfer> serving = new java.util.LinkedHashSet<>();
    /** Who of the requesters uploads next: the agent's upload queue, decided in core. */
    final UploadSlots uploadSlots;
    /** Requests waiting for an upload slot, by ticket. */
    final Map<Long, SimFetch.Transfer> waitingUploads = new HashMap<>();
    private long tickets;
    long uploadedBytes;
    /** What it had played when the steady state began: kbit/s × ms, and ms. */
    private double steadyBaseKbpsMillis;
    private long steadyBaseMillis;
    long peerReceivedBytes;
    /** When the tracker last heard from this agent (announce or heartbeat). */
    private long lastTouchNanos;
    // player
    private final PlaybackModel model;
    private final AbrStrategy abr;
    private final ThroughputEstimator estimator = ThroughputEstimator.dashJsDefaults();
    private int rendition;
    private long next = -1;
    /** The next audio segment, when the stream has audio (-1 otherwise). */
    private long nextAudio = -1;
    private boolean requesting;
    private boolean wakeScheduled;
    private long latencyNanos;
    private State state = State.WAITING;
    long skipped;

    private enum State { WAITING, PRESENT, LEFT, CRASHED }

    SimViewer(Simulation sim, int index, SimNode node, boolean uploads, double uploadBytesPerSecond, long joinNanos, long leaveNanos,
            boolean crashes, SplittableRandom random) {
        this.sim = sim;
        this.index = index;
        this.id = String.format("viewer-%06d", index);
        this.peer = PeerId.of(id);
        this.node = node;
        this.uploads = uploads;
        this.uploadBytesPerSecond = uploadBytesPerSecond;
        this.joinNanos = joinNanos;
        this.leaveNanos = leaveNanos;
        this.crashes = crashes;
        SimScenario.Agent a = sim.scenario().agent();
        this.selector = PeerSelector.byName(a.peerSelector(), throughput, random);
        this.deadlines = DeadlinePolicy.parse(a.deadlinePolicy());
        this.cache = new CacheBook(Duration.ofSeconds(30), a.cacheBudgetBytes());
        this.lead = new LivePrefetch(a.liveLeadSegments(), LivePrefetch.drawPhase(a.livePhase(), random));
        this.incentive = IncentivePolicy.byName(a.incentive());
        this.uploadSlots = new UploadSlots(incentive.uploadSlots());
        this.abr = AbrStrategy.byName(a.abr());
        EnumSet<MediaKind> kinds = sim.scenario().hasAudio() ? EnumSet.of(MediaKind.VIDEO, MediaKind.AUDIO) : EnumSet.of(MediaKind.VIDEO);
        this.model = new PlaybackModel(new PlaybackConfig(kinds, BufferThreshold.ONE_SEGMENT, BufferThreshold.ONE_SEGMENT, Duration.ZERO));
    }

    boolean present() {
        return state == State.PRESENT;
    }

    boolean crashed() {
        return state == State.CRASHED;
    }

    boolean joined() {
        return state != State.WAITING;
    }

    boolean holds(SegmentKey key) {
        return held.containsKey(key);
    }

    Optional<SimFetch> running(SegmentKey key) {
        return Optional.ofNullable(running.get(key));
    }

    PlaybackModel model() {
        return model;
    }

    QoeReport report() {
        return model.report();
    }

    /** Marks the start of the steady state: what this viewer played so far does not count in {@link #steadyBitrateKbps()}. */
    void markSteady() {
        QoeReport q = model.report();
        steadyBaseKbpsMillis = q.averageBitrateKbps() * q.playedMillis();
        steadyBaseMillis = q.playedMillis();
    }

    /** The mean bitrate this viewer played since {@link #markSteady()} (since it started, if never marked); 0 if it played nothing since. */
    double steadyBitrateKbps() {
        QoeReport q = model.report();
        long played = q.playedMillis() - steadyBaseMillis;
        return played <= 0 ? 0 : (q.averageBitrateKbps() * q.playedMillis() - steadyBaseKbpsMillis) / played;
    }

    // ---- arrival and departure ----

    void join() {
        long now = sim.now();
        state = State.PRESENT;
        if (uploads) {
            sim.tracker().join(sim.content(), peer, id, SwarmMode.of(sim.live()), declaredKbps());
            lastTouchNanos = now;
        }
        model.manifestRequested(now);
        if (sim.live()) {
            long holdback = lead.holdbackNanos(sim.segmentNanos());
            // The newest segment the player is shown, then liveDelaySegments behind it (as PlaySession does).
            long newest = sim.newestAt(now - holdback);
            next = Math.max(0, newest - sim.scenario().agent().liveDelaySegments() + 1);
        } else {
            next = 0; // on demand: from the start
        }
        if (sim.scenario().hasAudio()) {
            nextAudio = next; // the same distance behind the edge in every track, as PlaySession starts
        }
        step();
    }

    /** Leaves at the end of its stay (or the session): cleanly, or by crashing. */
    void leave(boolean crash) {
        if (state != State.PRESENT) {
            return;
        }
        long now = sim.now();
        state = crash ? State.CRASHED : State.LEFT;
        model.advance(Math.max(now, model.nowNanos()));
        model.finish(Math.max(now, model.nowNanos()));
        for (SimFetch f : List.copyOf(running.values())) {
            f.abandon();
        }
        running.clear();
        for (SimFetch.Transfer t : List.copyOf(serving)) {
            t.fetch().sourceGone(t, crash);
        }
        serving.clear();
        for (SimFetch.Transfer t : List.copyOf(waitingUploads.values())) {
            t.fetch().sourceGone(t, crash);
        }
        if (uploads && !crash) {
            sim.tracker().leave(sim.content(), peer);
        }
    }

    // ---- the player ----

    /**
     * Asks for the next segment when the buffer has room and the segment is published: one
     * request at a time, for the track whose buffer reaches least far, video first on a tie (as
     * the headless player's {@code PlaySession} does).
     */
    void step() {
        wakeScheduled = false;
        if (state != State.PRESENT || requesting) {
            return;
        }
        long now = sim.now();
        model.advance(Math.max(now, model.nowNanos()));
        boolean audio = nextAudio >= 0 && nextAudio < sim.segmentCount()
                && (next >= sim.segmentCount() || model.bufferAhead(MediaKind.AUDIO).compareTo(model.bufferAhead(MediaKind.VIDEO)) < 0);
        MediaKind kind = audio ? MediaKind.AUDIO : MediaKind.VIDEO;
        long number = audio ? nextAudio : next;
        if (number >= sim.segmentCount()) {
            if (model.state() != PlaybackState.ENDED) {
                model.endOfStream(now);
            }
            return;
        }
        long segment = sim.segmentNanos();
        if (model.state() == PlaybackState.PLAYING) {
            long excess = model.bufferAhead(kind).toNanos() + segment - sim.scenario().agent().maxBuffer().toNanos();
            if (excess > 0) {
                wake(now + excess);
                return;
            }
        }
        long shown = sim.live() ? sim.availableAt(number) + lead.holdbackNanos(segment) : 0;
        if (shown > now) {
            wake(shown);
            return;
        }
        if (!audio) {
            adapt();
        }
        int chosen = audio ? sim.audioTrack() : rendition;
        SegmentKey key = sim.key(chosen, number);
        requesting = true;
        long asked = now;
        fetch(key, chosen, number, OptionalLong.empty(), outcome -> delivered(kind, chosen, number, asked, shown, outcome));
        if (lead.leadSegments() > 0 && sim.live()) {
            for (LivePrefetch.Planned p : lead.after(number, segment, n -> n < sim.segmentCount() ? OptionalLong.of(sim.availableAt(n))
                    : OptionalLong.empty(), now)) {
                SegmentKey ahead = sim.key(chosen, p.number());
                sim.at(p.startNanos(), () -> {
                    if (present() && !holds(ahead) && !running.containsKey(ahead)) {
                        fetch(ahead, chosen, p.number(), OptionalLong.of(p.deadlineNanos()), o -> { });
                    }
                });
            }
        }
    }

    private void wake(long at) {
        if (!wakeScheduled) {
            wakeScheduled = true;
            sim.at(at, this::step);
        }
    }

    private void adapt() {
        Duration buffer = model.state() == PlaybackState.PLAYING ? model.bufferLevel() : Duration.ZERO;
        AbrInput input = new AbrInput(sim.scenario().ladderBitsPerSecond(), estimator.bitsPerSecond().orElse(0), buffer,
                sim.scenario().segment(), rendition, Duration.ofNanos(latencyNanos));
        rendition = abr.choose(input);
    }

    /** The agent answered the player's request (after pacing a prefetched object, as the agent does). */
    private void delivered(MediaKind kind, int chosen, long number, long asked, long shown, SimFetch.Outcome o) {
        if (state != State.PRESENT) {
            return;
        }
        long now = sim.now();
        requesting = false;
        if (kind == MediaKind.AUDIO) {
            nextAudio = number + 1;
        } else {
            next = number + 1;
        }
        if (!o.ok()) {
            skipped++;
            step();
            return;
        }
        long took = Math.max(1, now - asked);
        if (kind == MediaKind.VIDEO) {
            // The player's time to first byte: the agent's first round trip (none for a cached
            // object), averaged as PlaySession does. Its ABR estimates video alone: a small audio
            // segment says little about the link (PlaySession keeps one estimator per kind).
            long firstByte = Math.min(took, sim.roundTripNanos(this, sim.serverSource(0)));
            latencyNanos = latencyNanos == 0 ? firstByte : (4 * latencyNanos + firstByte) / 5;
            estimator.addSample(o.sizeBytes(), Duration.ofNanos(took));
        }
        model.segmentBuffered(now, new BufferedSegment(kind, sim.bitsPerSecond(chosen), sim.scenario().segment(), o.sizeBytes(), o.peerBytes(),
                o.serverBytes()), shown);
        step();
    }

    // ---- the agent ----

    /** Gets {@code key} from the cache, a running download, or a new one; {@code then} hears once. */
    private void fetch(SegmentKey key, int chosen, long number, OptionalLong due, java.util.function.Consumer<SimFetch.Outcome> then) {
        long now = sim.now();
        Held h = held.get(key);
        if (h != null) {
            cache.touch(key);
            // A prefetched object goes to the player at the pace its download delivered it (LivePrefetch).
            OptionalLong pace = lead.replayBytesPerSecond(h.deliveredBytesPerSecond());
            long delay = pace.isPresent() ? (long) (h.sizeBytes() * 1e9 / pace.getAsLong()) : 0;
            SimFetch.Outcome o = new SimFetch.Outcome(true, h.sizeBytes(), h.peerBytes(), h.serverBytes(), now, now + delay, now + delay);
            // Bytes count once toward QoE offload: the first delivery takes them.
            held.put(key, new Held(h.sizeBytes(), 0, 0, h.deliveredBytesPerSecond()));
            sim.at(now + delay, () -> then.accept(o));
            return;
        }
        SimFetch already = running.get(key);
        if (already != null) {
            already.await(then);
            return;
        }
        DeadlinePolicy.Due inferred = due.isPresent() ? new DeadlinePolicy.Due(due.getAsLong(), false)
                : deadlines.due(sim.content(), OptionalLong.of(number), sim.segmentNanos(), now);
        long deadline = inferred.deadlineNanos();
        SimScenario.Agent a = sim.scenario().agent();
        int k = incentive.sources(standing(), uploads, a.maxSources());
        List<Source> peers = a.maxPeers() == 0 ? List.of() : peers(key, a.maxPeers(), uploads ? a.maxPeers() : 1, now);
        long size = sim.segmentBytes(chosen);
        // The size is known up front: the agent reads it from the publisher's signed digest, fetched
        // beside the lookup (its few hundred bytes are not simulated).
        DownloadRequest request = new DownloadRequest(key, OptionalLong.of(size), deadline, peers,
                sim.serverSources(), hints.hint(key), java.util.Optional.empty(), inferred.playerWaiting());
        SimFetch fetch = new SimFetch(sim, this, key, chosen, size, deadline, sim.strategy(k).begin(request, throughput));
        running.put(key, fetch);
        fetch.await(then);
        fetch.begin();
    }

    /**
     * A download's second look ({@code FindPeers}): more holders than the first, as the agent's
     * SegmentFetcher asks, so that the askers of one instant spread over them.
     */
    List<Source> morePeers(SegmentKey key, long now) {
        SimScenario.Agent a = sim.scenario().agent();
        return state != State.PRESENT || a.maxPeers() == 0 ? List.of() : peers(key, a.maxPeers() * 4, uploads ? a.maxPeers() : 1, now);
    }

    /**
     * Up to {@code limit} of {@code asked} holders of {@code key} to ask, complete ones first (as
     * SegmentFetcher orders them).
     */
    private List<Source> peers(SegmentKey key, int asked, int limit, long now) {
        List<Source> complete = new ArrayList<>();
        List<Source> pending = new ArrayList<>();
        for (HolderInfo info : lookup(key, asked)) {
            (info.pending() ? pending : complete).add(sim.peerSource(info.peer().value()));
        }
        List<Source> peers = new ArrayList<>(selector.select(complete, health, now, limit));
        peers.addAll(selector.select(pending, health, now, Math.max(0, limit - peers.size())));
        return peers;
    }

    /** Holders of {@code key}; an uploading agent claims it (so it relays to those who ask after it). */
    private List<HolderInfo> lookup(SegmentKey key, int limit) {
        if (!uploads) {
            return sim.tracker().holders(sim.content(), key.path(), limit);
        }
        try {
            return sim.tracker().claim(sim.content(), key.path(), peer, limit).holders();
        } catch (NotInSwarmException e) {
            announce(List.of(), List.of());
            return sim.tracker().claim(sim.content(), key.path(), peer, limit).holders();
        }
    }

    /** A download of this agent ended (called by {@link SimFetch}). */
    void fetched(SimFetch f, SimFetch.Outcome o, Map<Source, Long> bySource) {
        running.remove(f.key);
        if (state != State.PRESENT) {
            return;
        }
        long now = sim.now();
        sim.downloaded(this, f, o);
        if (!o.ok()) {
            if (uploads) {
                announce(List.of(), List.of(f.key.path()));
            }
            return;
        }
        hints.record(f.key, o.sizeBytes());
        bySource.forEach((source, bytes) -> {
            if (source.isPeer()) {
                peerReceivedBytes += bytes;
                sim.viewer(source.id()).uploadedBytes += bytes;
            }
        });
        double rate = o.sizeBytes() * 1e9 / Math.max(1, o.endedNanos() - o.startedNanos());
        List<SegmentKey> evicted = cache.put(f.key, o.sizeBytes(), sim.live(), now);
        held.put(f.key, new Held(o.sizeBytes(), o.peerBytes(), o.serverBytes(), rate));
        List<String> dropped = new ArrayList<>();
        for (SegmentKey gone : evicted) {
            held.remove(gone);
            dropped.add(gone.path());
        }
        if (uploads) {
            announce(List.of(new HeldObject(f.key.path(), o.sizeBytes())), dropped);
        }
    }

    /** Tells the tracker what it holds now; after an expiry (a long silence) it joins again, as the agent does. */
    private void announce(List<HeldObject> have, List<String> drop) {
        try {
            sim.tracker().announce(sim.content(), peer, have, drop);
        } catch (NotInSwarmException e) {
            sim.tracker().join(sim.content(), peer, id, SwarmMode.of(sim.live()), declaredKbps());
            sim.tracker().announce(sim.content(), peer, have, drop);
        }
        lastTouchNanos = sim.now();
    }

    /** Heartbeats when nothing was announced for a heartbeat interval. */
    void heartbeat(long intervalNanos) {
        if (uploads && present() && sim.now() - lastTouchNanos >= intervalNanos) {
            announce(List.of(), List.of());
        }
    }

    /** Drops what fell out of the live window from the cache (and the tracker learns it by expiry). */
    void expireCache() {
        for (SegmentKey gone : cache.expire(sim.now())) {
            held.remove(gone);
        }
    }

    /** The uplink this viewer's agent declares at join, kbit/s: its upload cap, as the agent declares it. */
    private int declaredKbps() {
        return (int) Math.clamp(Math.round(uploadBytesPerSecond * 8 / 1000), 1, 100_000_000);
    }

    /** This viewer's rank when it asks a busy peer: its standing, as the serving agent reads it from the ledger. */
    long priority() {
        return incentive.priority(standing());
    }

    /** A ticket for a request to this viewer's upload queue. */
    long nextTicket() {
        return tickets++;
    }

    /** An upload of this viewer ended: its slot goes to whoever waits best ranked. */
    void uploadEnded() {
        for (long ticket : uploadSlots.release()) {
            SimFetch.Transfer next = waitingUploads.remove(ticket);
            next.fetch().admitted(next);
        }
    }

    /** What the ledger would say of this viewer: allowance plus served minus received from peers. */
    /**
     * Whether a server reserving transfers counts this viewer in good standing, as the ledger's
     * ticket it shows would say (core {@code ServerStanding}); computed directly, without the
     * agent's 5 s refresh of its ticket.
     */
    boolean inGoodStanding() {
        // As the origin's ServerStanding reads this viewer's ticket: earned serving others, or new
        // (known to the ledger since it joined, as an agent asks for its first ticket at start).
        return ServerStanding.contributor(uploadedBytes, (sim.now() - joinNanos) / 1_000_000, ServerStanding.DEFAULT_MIN_EARNED_BYTES,
                ServerStanding.DEFAULT_NEWCOMER_GRACE.toMillis());
    }

    private Standing standing() {
        long balance = LedgerPolicy.defaults().allowanceBytes() + uploadedBytes - peerReceivedBytes;
        return new Standing(id, balance, uploadedBytes, peerReceivedBytes);
    }
}
