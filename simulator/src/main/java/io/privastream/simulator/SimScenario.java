package io.privastream.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code privastream simulate} runs: a live session, its servers, offices and viewers, and
 * the agent settings every viewer uses. Read from JSON by {@link ScenarioFile}; every key and
 * default is documented in {@code docs/simulator.md}.
 *
 * @param name        short name, used in output
 * @param description one line for reports
 * @param seed        seeds every random draw: equal seeds give identical runs
 * @param live        a live stream (published as it goes, players at the live edge) or on
 *                    demand (every segment there from the start, players from the first)
 * @param session     how long the simulated session runs (viewers leave at its end); live, the
 *                    stream's length too
 * @param segment     segment duration
 * @param ladderBitsPerSecond the renditions' bitrates, ascending
 * @param audioBitsPerSecond an audio track's bitrate (one rendition, as the emulated experiment
 *                    packages it), or 0 for video only; with audio every player also fetches one
 *                    audio segment per segment duration, through the same agent decisions
 * @param servers     public servers (at least one)
 * @param offices     gateways viewers may sit behind; may be empty
 * @param viewers     viewer groups (at least one)
 * @param agent       decision settings shared by all viewers
 * @param tracker     the tracker's hand-out settings
 * @param interval    length of an output interval
 * @param settle      flow rates are recomputed at most this often (0: at every instant
 *                    something changed); the trade of accuracy for speed at scale
 * @param relayReach  how stale the simulator's answer to "how far has a relaying peer the
 *                    bytes" may be (0: exact at every instant); a lower bound, so a relay
 *                    never passes on bytes it lacks, only up to this much later per hop
 * @param steadyFrom  the summary's steady-state figures count intervals from here on (as the
 *                    emulated experiment's "after 180 s" columns do); zero: the whole session
 */
public record SimScenario(String name, String description, long seed, boolean live, Duration session, Duration segment,
        List<Long> ladderBitsPerSecond, long audioBitsPerSecond, List<Server> servers, List<Office> offices, List<ViewerGroup> viewers, Agent agent,
        Tracker tracker, Duration interval, Duration settle, Duration relayReach, Duration steadyFrom) {

    /** @throws IllegalArgumentException quoting the first inconsistent value */
    public SimScenario {
        ladderBitsPerSecond = List.copyOf(ladderBitsPerSecond);
        servers = List.copyOf(servers);
        offices = List.copyOf(offices);
        viewers = List.copyOf(viewers);
        positive("session", session);
        positive("segmentSeconds", segment);
        positive("intervalSeconds", interval);
        nonNegative("settleMillis", settle);
        nonNegative("relayReachMillis", relayReach);
        nonNegative("steadyFromSeconds", steadyFrom);
        if (segment.compareTo(session) > 0) {
            throw new IllegalArgumentException("segment " + segment + " is longer than the session " + session);
        }
        if (audioBitsPerSecond < 0) {
            throw new IllegalArgumentException("audioKbps must be >= 0 (0: no audio track), got " + audioBitsPerSecond / 1000.0);
        }
        if (ladderBitsPerSecond.isEmpty()) {
            throw new IllegalArgumentException("ladderKbps needs at least one rendition");
        }
        for (int i = 0; i < ladderBitsPerSecond.size(); i++) {
            if (ladderBitsPerSecond.get(i) <= 0 || i > 0 && ladderBitsPerSecond.get(i) < ladderBitsPerSecond.get(i - 1)) {
                throw new IllegalArgumentException("ladderKbps must be positive and ascending, got " + ladderBitsPerSecond);
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one server");
        }
        if (viewers.isEmpty() || viewers.stream().mapToInt(ViewerGroup::count).sum() == 0) {
            throw new IllegalArgumentException("a scenario needs at least one viewer");
        }
        for (ViewerGroup g : viewers) {
            for (String office : g.offices()) {
                if (offices.stream().noneMatch(o -> o.name().equals(office))) {
                    throw new IllegalArgumentException("viewer group '" + g.name() + "' names office '" + office + "', which is not in offices "
                            + offices.stream().map(Office::name).toList());
                }
            }
        }
    }

    /** This scenario with another seed. */
    public SimScenario withSeed(long newSeed) {
        return new SimScenario(name, description, newSeed, live, session, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, viewers, agent,
                tracker, interval, settle, relayReach, steadyFrom);
    }

    /** This scenario live ({@code true}) or on demand. */
    public SimScenario withLive(boolean newLive) {
        return new SimScenario(name, description, seed, newLive, session, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, viewers, agent,
                tracker, interval, settle, relayReach, steadyFrom);
    }

    /**
     * This scenario cut (or stretched) to {@code newSession}; arrivals after its end never happen.
     *
     * @throws IllegalArgumentException if {@code newSession} is shorter than a segment
     */
    public SimScenario withSession(Duration newSession) {
        return new SimScenario(name, description, seed, live, newSession, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, viewers, agent,
                tracker, interval, settle, relayReach, steadyFrom);
    }

    /** This scenario with another {@link #relayReach() relay reach tolerance}. */
    public SimScenario withRelayReach(Duration newRelayReach) {
        return new SimScenario(name, description, seed, live, session, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, viewers, agent,
                tracker, interval, settle, newRelayReach, steadyFrom);
    }

    /** This scenario with other agent settings. */
    public SimScenario withAgent(Agent newAgent) {
        return new SimScenario(name, description, seed, live, session, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, viewers, newAgent,
                tracker, interval, settle, relayReach, steadyFrom);
    }

    /**
     * This scenario with every viewer group scaled so that {@code total} viewers join in all
     * (each group keeps its share, rounded; the last takes the remainder).
     *
     * @throws IllegalArgumentException if {@code total < 1}
     */
    public SimScenario withViewers(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("--viewers must be >= 1, got " + total);
        }
        List<ViewerGroup> groups = new java.util.ArrayList<>();
        int given = 0;
        for (int i = 0; i < viewers.size(); i++) {
            ViewerGroup g = viewers.get(i);
            int count = i == viewers.size() - 1 ? total - given : (int) Math.round((double) g.count() * total / viewerCount());
            given += count;
            groups.add(new ViewerGroup(g.name(), count, g.download(), g.upload(), g.latency(), g.arrival(), g.meanStay(), g.crashShare(),
                    g.freeRiderShare(), g.offices()));
        }
        return new SimScenario(name, description, seed, live, session, segment, ladderBitsPerSecond, audioBitsPerSecond, servers, offices, groups, agent,
                tracker, interval, settle, relayReach, steadyFrom);
    }

    /** Viewers in all groups. */
    public int viewerCount() {
        return viewers.stream().mapToInt(ViewerGroup::count).sum();
    }

    /** Segments the session publishes: those of its time, after the {@link #prerollSegments() preroll}. */
    public long segmentCount() {
        return session.toNanos() / segment.toNanos() + prerollSegments();
    }

    /**
     * Live: segments already published when the session's time 0 comes, {@code liveDelaySegments + 1}
     * (0 on demand). The emulated experiment starts its clock only once the packager has written
     * that many, so a viewer joining at 0 s has its delay's worth to start from, not an empty list.
     */
    public long prerollSegments() {
        return live ? agent.liveDelaySegments() + 1 : 0;
    }

    /** True when the stream has an audio track beside the video ladder. */
    public boolean hasAudio() {
        return audioBitsPerSecond > 0;
    }

    /** The top rendition, bits per second. */
    public long topBitsPerSecond() {
        return ladderBitsPerSecond.getLast();
    }

    /** The office called {@code name}. */
    public Optional<Office> office(String name) {
        return offices.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * A public server.
     *
     * @param uploadMbps   its uplink, megabits per second, > 0
     * @param latency      one-way latency to it
     * @param maxTransfers transfers it sends at once, more are answered busy at once, as the
     *                     origin's {@code maxTransfers} does; 0 (the default) for no limit
     * @param reservedTransfers of those, how many only contributors may take (uploaded 1 MB, or
     *                     joined less than a minute ago: {@code ServerStanding}'s rule), as the
     *                     origin's {@code --reserved-transfers}; 0 (the default) for none
     */
    public record Server(double uploadMbps, Duration latency, int maxTransfers, int reservedTransfers) {
        public Server {
            if (!(uploadMbps > 0)) {
                throw new IllegalArgumentException("server uploadMbps must be > 0, got " + uploadMbps);
            }
            nonNegative("server latencyMs", latency);
            if (maxTransfers < 0) {
                throw new IllegalArgumentException("server maxTransfers must be >= 0 (0 = no limit), got " + maxTransfers);
            }
            if (reservedTransfers < 0 || reservedTransfers > maxTransfers) {
                throw new IllegalArgumentException("server reservedTransfers must be 0.." + maxTransfers + " (its maxTransfers), got " + reservedTransfers);
            }
        }

        /** A server without a transfer limit. */
        public Server(double uploadMbps, Duration latency) {
            this(uploadMbps, latency, 0, 0);
        }
    }

    /**
     * A site whose viewers reach everyone else through one gateway.
     *
     * @param name        unique name
     * @param gatewayMbps the gateway's capacity in each direction, megabits per second, > 0
     */
    public record Office(String name, double gatewayMbps) {
        public Office {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an office needs a name");
            }
            if (!(gatewayMbps > 0)) {
                throw new IllegalArgumentException("office " + name + " gatewayMbps must be > 0, got " + gatewayMbps);
            }
        }
    }

    /**
     * Viewers alike.
     *
     * @param name           for output
     * @param count          how many, >= 0
     * @param download       downlink capacity per viewer
     * @param upload         uplink capacity per viewer
     * @param latency        one-way latency of each viewer's access link
     * @param arrival        when they join
     * @param meanStay       mean time a viewer stays (exponential); empty: until the end
     * @param crashShare     of those leaving early, the share that crash (vanish without telling
     *                       the tracker) rather than leave cleanly; in [0, 1]
     * @param freeRiderShare the share that never upload; in [0, 1]
     * @param offices        offices the group's viewers are spread over, in turn; empty: none
     */
    public record ViewerGroup(String name, int count, Capacity download, Capacity upload, Duration latency, Arrival arrival,
            Optional<Duration> meanStay, double crashShare, double freeRiderShare, List<String> offices) {
        public ViewerGroup {
            offices = List.copyOf(offices);
            if (count < 0) {
                throw new IllegalArgumentException("viewer group " + name + " count must be >= 0, got " + count);
            }
            nonNegative("latencyMs", latency);
            meanStay.ifPresent(d -> positive("meanStaySeconds", d));
            if (!(crashShare >= 0 && crashShare <= 1) || !(freeRiderShare >= 0 && freeRiderShare <= 1)) {
                throw new IllegalArgumentException("crashShare and freeRiderShare must be in [0, 1], got " + crashShare + ", " + freeRiderShare);
            }
        }
    }

    /**
     * When a group's viewers join, seconds from the start of the stream.
     *
     * @param kind  {@code at} (the listed times, in order, the last repeated), {@code uniform}
     *              (uniformly at random in [from, to)), or {@code poisson} (a Poisson process
     *              starting at from whose rate spreads the group over [from, to) on average)
     * @param at    the times of {@code at}
     * @param from  start of the window
     * @param to    end of the window
     */
    public record Arrival(String kind, List<Double> at, double from, double to) {
        public Arrival {
            at = List.copyOf(at);
            if (!List.of("at", "uniform", "poisson").contains(kind)) {
                throw new IllegalArgumentException("arrival kind must be at, uniform or poisson, got '" + kind + "'");
            }
            if ("at".equals(kind) && at.isEmpty()) {
                throw new IllegalArgumentException("arrival 'at' needs at least one time");
            }
            if (!(from >= 0) || !(to >= from)) {
                throw new IllegalArgumentException("arrival window must have 0 <= from <= to, got [" + from + ", " + to + ")");
            }
        }
    }

    /**
     * What every viewer's agent and player decide with (the names the agent and player take).
     *
     * @param strategy           download strategy name ({@code multi-source}, {@code single-source})
     * @param maxSources         k, sources at once
     * @param maxPeers           holders asked of the tracker per lookup
     * @param peerSelector       {@code random}, {@code freshest} or {@code fastest}
     * @param abr                ABR strategy name
     * @param incentive          incentive policy name ({@code none}, {@code tokens})
     * @param deadlinePolicy     deadline policy spec ({@code inferred}, {@code fixed:MS}, ...)
     * @param liveDelaySegments  the player starts this many segments behind the live edge
     * @param liveLeadSegments   the agent's live lead (0: off)
     * @param maxBuffer          the player stops fetching with this much buffered
     * @param review             how often a running download is given progress and a tick
     * @param cacheBudgetBytes   each agent's cache budget
     * @param rescueHeadroom     {@code DownloadTuning.rescueHeadroom} of the downloads (0, or at least 1)
     * @param livePhase          the largest live phase, [0, 1) segment durations: each viewer's
     *                           player is shown the edge a share of a segment late, drawn once below
     *                           this (the agent's {@code --live-phase}); 0 for none
     */
    public record Agent(String strategy, int maxSources, int maxPeers, String peerSelector, String abr, String incentive,
            String deadlinePolicy, int liveDelaySegments, int liveLeadSegments, Duration maxBuffer, Duration review, long cacheBudgetBytes,
            double rescueHeadroom, double livePhase) {
        public Agent {
            io.privastream.core.download.DownloadTuning.defaults().withRescueHeadroom(rescueHeadroom); // checks it
            new io.privastream.core.download.LivePrefetch(liveLeadSegments, livePhase); // checks both
            if (maxSources < 1 || maxPeers < 0 || liveDelaySegments < 1 || liveLeadSegments < 0 || cacheBudgetBytes < 1) {
                throw new IllegalArgumentException("agent needs maxSources >= 1, maxPeers >= 0, liveDelaySegments >= 1, liveLeadSegments >= 0,"
                        + " cacheBudgetBytes >= 1; got " + maxSources + ", " + maxPeers + ", " + liveDelaySegments + ", " + liveLeadSegments
                        + ", " + cacheBudgetBytes);
            }
            positive("maxBufferSeconds", maxBuffer);
            positive("reviewMillis", review);
        }
    }

    /**
     * How the tracker hands out holders (see {@code SwarmPolicy}).
     *
     * @param relayParents holders a claiming lookup gets from the object's relay tree; 0 (the
     *                     default) turns the tree off: the holders heard from last
     * @param relayFanOut  most lookups one holder of an object is handed to; > relayParents
     * @param relayChildKbps a holder's uplink (each uploading viewer declares it at join, as an
     *                     agent declares its upload cap) over this is its fan-out, at most
     *                     relayFanOut; 0 (the default) ignores uplinks
     */
    public record Tracker(int relayParents, int relayFanOut, int relayChildKbps) {
        public Tracker {
            if (relayParents < 0 || relayParents > 0 && relayFanOut <= relayParents || relayChildKbps < 0) {
                throw new IllegalArgumentException("tracker needs relayParents >= 0, relayFanOut > relayParents and relayChildKbps >= 0, got "
                        + relayParents + ", " + relayFanOut + ", " + relayChildKbps);
            }
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || !d.isPositive()) {
            throw new IllegalArgumentException(what + " must be > 0, got " + d);
        }
    }

    private static void nonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + d);
        }
    }
}
