package io.privastream.simulator;

import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.DownloadTuning;
import io.privastream.core.download.Source;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.rate.TransferLimit;
import io.privastream.core.swarm.SwarmBook;
import io.privastream.core.swarm.SwarmPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A deterministic discrete-event simulation of one live session: servers, the tracker's
 * bookkeeping ({@link SwarmBook}), and viewers whose players and agents are the core's own
 * decision classes ({@link SimViewer}), over a flow-level network ({@link FlowNetwork}).
 *
 * <p>One thread; events at equal times run in the order they were scheduled, and every random
 * draw comes from the scenario's seed, so equal scenarios give identical results.
 */
public final class Simulation {
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUSEKEEPING = 5 * SECOND;

    private final SimScenario scenario;
    private final EventQueue queue = new EventQueue();
    private final FinishQueue finishes = new FinishQueue();
    private final FlowNetwork network;
    private final SwarmBook tracker;
    private final ContentId content = ContentId.of("simulatedlive");
    private final List<Source> servers = new ArrayList<>();
    private final Map<String, SimNode> serverNodes = new HashMap<>();
    private final Map<String, TransferLimit> serverLimits = new HashMap<>();
    private Consumer<FetchRow> fetchLog;
    private final List<SimViewer> viewers = new ArrayList<>();
    private final Map<String, SimViewer> byId = new HashMap<>();
    private final Map<String, Source> peerSources = new HashMap<>();
    private final FlowNetwork.Link[] gatewaysUp;
    private final FlowNetwork.Link[] gatewaysDown;
    private final SegmentKey[][] keys;
    private final DownloadStrategy[] byK;
    private final SimMetrics metrics;
    private long now;
    private long seq;
    private long events;
    private boolean settleScheduled;
    private final long relayReachNanos;

    /** A simulation of {@code scenario}, ready to {@link #run}. */
    public Simulation(SimScenario scenario) {
        this.scenario = scenario;
        this.relayReachNanos = scenario.relayReach().toNanos();
        this.metrics = new SimMetrics(this);
        this.network = new FlowNetwork(this::rateChanged, metrics::carried);
        this.tracker = SwarmBook.inMemory(SwarmPolicy.builder()
                .maxPeersPerSwarm(Math.max(50_000, scenario.viewerCount() + 1))
                .relayParents(scenario.tracker().relayParents()).relayFanOut(scenario.tracker().relayFanOut())
                .relayChildKbps(scenario.tracker().relayChildKbps()).build(), () -> now);
        int renditions = scenario.ladderBitsPerSecond().size();
        this.keys = new SegmentKey[trackCount()][(int) scenario.segmentCount()];
        for (int r = 0; r < keys.length; r++) {
            String dir = r < renditions ? "r" + r : "audio";
            for (int n = 0; n < keys[r].length; n++) {
                keys[r][n] = new SegmentKey(content, dir + "/seg-" + n + ".m4s");
            }
        }
        this.byK = new DownloadStrategy[scenario.agent().maxSources() + 1];
        DownloadTuning tuning = DownloadTuning.defaults().withRescueHeadroom(scenario.agent().rescueHeadroom());
        for (int k = 1; k <= scenario.agent().maxSources(); k++) {
            byK[k] = DownloadStrategy.byName(scenario.agent().strategy(), tuning, k);
        }
        for (int i = 0; i < scenario.servers().size(); i++) {
            SimScenario.Server s = scenario.servers().get(i);
            Source source = Source.server("https://server-" + i + ".invalid/");
            servers.add(source);
            serverLimits.put(source.id(), new TransferLimit(s.maxTransfers(), s.reservedTransfers()));
            serverNodes.put(source.id(), new SimNode(network.link("server-" + i + "-up", s.uploadMbps() * 1e6 / 8),
                    network.link("server-" + i + "-down", FlowNetwork.UNLIMITED), -1, s.latency().toNanos()));
        }
        int offices = scenario.offices().size();
        gatewaysUp = new FlowNetwork.Link[offices];
        gatewaysDown = new FlowNetwork.Link[offices];
        for (int o = 0; o < offices; o++) {
            SimScenario.Office office = scenario.offices().get(o);
            gatewaysUp[o] = network.link(office.name() + "-gw-up", office.gatewayMbps() * 1e6 / 8);
            gatewaysDown[o] = network.link(office.name() + "-gw-down", office.gatewayMbps() * 1e6 / 8);
        }
        populate(new SplittableRandom(scenario.seed()));
    }

    private void populate(SplittableRandom random) {
        long end = scenario.session().toNanos();
        int index = 0;
        for (SimScenario.ViewerGroup g : scenario.viewers()) {
            SplittableRandom draws = random.split();
            double poissonGap = g.count() == 0 ? 0 : (g.arrival().to() - g.arrival().from()) / g.count();
            double t = g.arrival().from();
            for (int i = 0; i < g.count(); i++) {
                double joinSeconds = switch (g.arrival().kind()) {
                    case "at" -> g.arrival().at().get(Math.min(i, g.arrival().at().size() - 1));
                    case "uniform" -> g.arrival().from() + draws.nextDouble() * (g.arrival().to() - g.arrival().from());
                    default -> t += -Math.log(1 - draws.nextDouble()) * poissonGap;
                };
                long join = Math.round(joinSeconds * SECOND);
                long leave = end;
                if (g.meanStay().isPresent()) {
                    long stay = Math.round(-Math.log(1 - draws.nextDouble()) * g.meanStay().get().toNanos());
                    leave = Math.min(end, join + Math.max(SECOND, stay));
                }
                boolean crash = leave < end && draws.nextDouble() < g.crashShare();
                boolean freeRider = draws.nextDouble() < g.freeRiderShare();
                int office = g.offices().isEmpty() ? -1 : scenario.offices().indexOf(scenario.office(g.offices().get(i % g.offices().size())).orElseThrow());
                double up = g.upload().sampleBytesPerSecond(draws);
                double down = g.download().sampleBytesPerSecond(draws);
                String name = String.format("viewer-%06d", index);
                SimNode node = new SimNode(network.link(name + "-up", up), network.link(name + "-down", down), office, g.latency().toNanos());
                SimViewer v = new SimViewer(this, index++, node, !freeRider, up, join, leave, crash, draws.split());
                viewers.add(v);
                byId.put(v.id, v);
                peerSources.put(v.id, Source.peer(v.id, v.id));
                if (join < end) { // (a cut session ends before some arrivals)
                    at(join, v::join);
                    if (leave < end) {
                        at(leave, () -> v.leave(crash));
                    }
                }
            }
        }
    }

    /**
     * Runs to the end of the session.
     *
     * @param progress told roughly every 5 % of simulated time
     */
    public SimResult run(Consumer<SimProgress> progress) {
        long started = System.nanoTime();
        long end = scenario.session().toNanos();
        long step = Math.max(SECOND, end / 20);
        for (long t = step; t < end; t += step) {
            long at = t;
            at(t, () -> progress.accept(new SimProgress(at, end, presentViewers(), events, (System.nanoTime() - started) / 1e9)));
        }
        metrics.start();
        for (long t = HOUSEKEEPING; t < end; t += HOUSEKEEPING) {
            at(t, this::housekeeping);
        }
        while (!queue.isEmpty() || !finishes.isEmpty()) {
            FlowNetwork.Flow head = finishes.isEmpty() ? null : finishes.peek();
            EventQueue.Event e = queue.peek();
            boolean flowFirst = head != null && (e == null || head.scheduledNanos < e.at()
                    || head.scheduledNanos == e.at() && head.scheduledSeq < e.seq());
            long at = flowFirst ? head.scheduledNanos : e.at();
            if (at > end) {
                break;
            }
            now = at;
            events++;
            if (flowFirst) {
                finished(head);
            } else {
                queue.poll().action().run();
            }
            ensureSettled();
        }
        now = end;
        for (SimViewer v : viewers) {
            v.leave(false);
        }
        metrics.finish();
        double wall = (System.nanoTime() - started) / 1e9;
        progress.accept(new SimProgress(end, end, 0, events, wall));
        return metrics.result(wall, events);
    }

    /** Every 5 s: heartbeats of quiet agents, cache expiry; every 15 s the tracker's sweep. */
    private void housekeeping() {
        if (now % (3 * HOUSEKEEPING) == 0) {
            tracker.expire();
        }
        long heartbeat = tracker.policy().heartbeatInterval().toNanos();
        for (SimViewer v : viewers) {
            if (v.present()) {
                v.heartbeat(heartbeat);
                v.expireCache();
            }
        }
    }

    private int presentViewers() {
        int n = 0;
        for (SimViewer v : viewers) {
            if (v.present()) {
                n++;
            }
        }
        return n;
    }

    // ---- the event loop ----

    /** Runs {@code action} at {@code atNanos} (now, if that is past). */
    void at(long atNanos, Runnable action) {
        queue.add(new EventQueue.Event(Math.max(atNanos, now), seq++, action));
    }

    private void settle() {
        settleScheduled = false;
        network.settle(now);
    }

    /** Moves the flow's place in the finish queue to its new finish time. */
    private void rateChanged(FlowNetwork.Flow flow, long nowNanos) {
        long finish = flow.finishNanos();
        if (finish == Long.MAX_VALUE) {
            finishes.remove(flow);
        } else {
            finishes.schedule(flow, Math.max(finish, nowNanos), seq++);
        }
    }

    /** The flow at the head of the finish queue delivered its last byte. */
    private void finished(FlowNetwork.Flow flow) {
        finishes.remove(flow);
        if (flow.isOpen()) {
            SimFetch.Transfer t = (SimFetch.Transfer) flow.owner();
            t.fetch().flowFinished(t);
        }
    }

    /**
     * Rates are recomputed at most once per settle quantum ({@code settleMillis}), after every
     * event up to its end (the settle sorts last at its instant): on a busy link one re-fill
     * serves every flow that started or ended within the quantum. Until then a new flow waits
     * (at most a quantum, a fraction of any round trip) and freed capacity stays unused, so no
     * link ever carries more than it can.
     */
    private void ensureSettled() {
        if (network.unsettled() && !settleScheduled) {
            settleScheduled = true;
            long quantum = scenario.settle().toNanos();
            long at = quantum == 0 ? now : Math.ceilDiv(now, quantum) * quantum;
            queue.add(new EventQueue.Event(at, Long.MAX_VALUE, this::settle));
        }
    }

    // ---- what viewers and fetches use ----

    long now() {
        return now;
    }

    SimScenario scenario() {
        return scenario;
    }

    FlowNetwork network() {
        return network;
    }

    SwarmBook tracker() {
        return tracker;
    }

    ContentId content() {
        return content;
    }

    long segmentNanos() {
        return scenario.segment().toNanos();
    }

    long segmentCount() {
        return keys[0].length;
    }

    /**
     * When live segment {@code n} is published: at the end of its media time, counted from the
     * stream's start {@link SimScenario#prerollSegments() preroll} segments before the session's
     * time 0 (on demand: from the start). May be negative: published before the session began.
     */
    long availableAt(long n) {
        return scenario.live() ? (n + 1 - scenario.prerollSegments()) * segmentNanos() : 0;
    }

    /** Live: the newest segment published at {@code t} (nanoseconds of session time). */
    long newestAt(long t) {
        return Math.floorDiv(t, segmentNanos()) + scenario.prerollSegments() - 1;
    }

    boolean live() {
        return scenario.live();
    }

    /**
     * Segment {@code n} of {@code track}: a video rendition's index in the ladder, or
     * {@link #audioTrack()}.
     */
    SegmentKey key(int track, long n) {
        return keys[track][(int) n];
    }

    /** Bytes of one segment of {@code track} (a rendition's index, or {@link #audioTrack()}). */
    long segmentBytes(int track) {
        return bitsPerSecond(track) * segmentNanos() / 8 / SECOND;
    }

    /** The bitrate of {@code track}: a rendition's index in the ladder, or {@link #audioTrack()}. */
    long bitsPerSecond(int track) {
        return track == audioTrack() ? scenario.audioBitsPerSecond() : scenario.ladderBitsPerSecond().get(track);
    }

    /** The index that stands for the audio track, after the video renditions; -1 without audio. */
    int audioTrack() {
        return scenario.hasAudio() ? scenario.ladderBitsPerSecond().size() : -1;
    }

    /** Video renditions, plus one for the audio track if the stream has one. */
    int trackCount() {
        return scenario.ladderBitsPerSecond().size() + (scenario.hasAudio() ? 1 : 0);
    }

    /** See {@link SimScenario#relayReach()}. */
    long relayReachNanos() {
        return relayReachNanos;
    }

    long reviewNanos() {
        return scenario.agent().review().toNanos();
    }

    DownloadStrategy strategy(int k) {
        return byK[Math.clamp(k, 1, byK.length - 1)];
    }

    List<Source> serverSources() {
        return servers;
    }

    Source serverSource(int i) {
        return servers.get(i);
    }

    /**
     * Hands every finished download to {@code log} as it ends (for {@code fetches.csv}); call
     * before {@link #run}. Logging costs time and memory per download: off by default.
     */
    public Simulation logFetches(Consumer<FetchRow> log) {
        this.fetchLog = log;
        return this;
    }

    boolean logsFetches() {
        return fetchLog != null;
    }

    void logFetch(FetchRow row) {
        fetchLog.accept(row);
    }

    SimMetrics metrics() {
        return metrics;
    }

    /** What server {@code id} answers beyond its transfer limit. */
    TransferLimit transferLimit(String id) {
        return serverLimits.get(id);
    }

    SimNode server(String id) {
        return serverNodes.get(id);
    }

    SimViewer viewer(String id) {
        return byId.get(id);
    }

    Source peerSource(String id) {
        return peerSources.get(id);
    }

    List<SimViewer> viewers() {
        return viewers;
    }

    /** Request there and first byte back. */
    long roundTripNanos(SimViewer from, Source to) {
        SimNode other = to.isPeer() ? byId.get(to.id()).node : serverNodes.get(to.id());
        return 2 * (from.node.latencyNanos() + other.latencyNanos());
    }

    /** The links a flow from {@code src} to {@code dst} crosses: gateways only between offices. */
    FlowNetwork.Link[] path(SimNode src, SimNode dst) {
        boolean crosses = src.office() != dst.office();
        List<FlowNetwork.Link> links = new ArrayList<>(4);
        links.add(src.up());
        if (crosses && src.office() >= 0) {
            links.add(gatewaysUp[src.office()]);
        }
        if (crosses && dst.office() >= 0) {
            links.add(gatewaysDown[dst.office()]);
        }
        links.add(dst.down());
        return links.toArray(FlowNetwork.Link[]::new);
    }

    void downloaded(SimViewer v, SimFetch f, SimFetch.Outcome o) {
        metrics.downloaded(v, f, o);
    }
}
