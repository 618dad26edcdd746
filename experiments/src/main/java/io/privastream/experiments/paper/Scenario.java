package io.privastream.experiments.paper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privastream.core.rate.Bandwidth;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.media.Ladder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a comparative live-streaming experiment, read from a JSON file
 * ({@code docs/experiments.md} documents every key; {@link #paper()} is the shipped default).
 * Times are in seconds of session time, rates are {@link Bandwidth#parse} strings.
 *
 * @param name              a short name, used in the report
 * @param description       one sentence for the report
 * @param sessionSeconds    length of the live session, from the first viewer's join
 * @param joinSeconds       when each viewer joins (one entry per viewer, ascending)
 * @param steadyFromSeconds the steady-state window starts here (bitrate and offload targets)
 * @param intervalSeconds   sampling interval of the per-interval CSV and the plots
 * @param repeat            runs of every configuration, aggregated
 * @param seed              base seed of the agents' random choices (run r, viewer i: derived)
 * @param ladder            {@link Ladder#parse} text: {@code standard}, {@code tiny} or {@code WxH@RATE,...}
 * @param segmentSeconds    media segment duration
 * @param windowSegments    live window, in segments
 * @param peerDownload      each agent's download cap
 * @param peerUpload        each agent's upload cap
 * @param serverUpload      each server's upload cap
 * @param addedLatencyMs    emulated delay before every transfer's request (0 = none)
 * @param abr               the players' ABR strategy
 * @param liveDelaySegments the players start this many segments behind the live edge
 * @param configurations    what is compared, in report order
 */
public record Scenario(String name, String description, double sessionSeconds, List<Double> joinSeconds, double steadyFromSeconds,
        double intervalSeconds, int repeat, long seed, String ladder, double segmentSeconds, int windowSegments, String peerDownload,
        String peerUpload, String serverUpload, double addedLatencyMs, String abr, int liveDelaySegments,
        List<Configuration> configurations) {

    /**
     * One compared system.
     *
     * @param name       its name in tables and plots
     * @param servers    public servers (origin listeners), each capped at {@code serverUpload}
     * @param peers      whether agents use a tracker and each other (false: servers only)
     * @param strategy   the agents' download strategy ({@code single-source} or {@code multi-source})
     * @param maxSources k of {@code multi-source}
     * @param liveLeadSegments the agents' live lead (0-4; absent = 0): the player sees the live
     *                   edge this many segments late while its agent fetches them ahead
     * @param livePhase  the agents' largest live phase, [0, 1) segment durations (absent = 0):
     *                   each agent shows its player the edge a share of a segment late, drawn
     *                   once below this, so the swarm's players do not all ask at once
     * @param deadline   the agents' deadline policy ({@code inferred}, {@code inferred:MAXLEAD} or
     *                   {@code fixed:DURATION}; absent = {@code inferred})
     * @param privacy    {@code off} (plain HTTP, addresses in clear), {@code encrypted} (encrypted links
     *                   links, sealed addresses: the agents' default) or {@code relayed}
     *                   (encrypted, peers reached through the relay); absent = {@code encrypted}
     * @param decoys     fake queries per real one (0-8, fractions allowed); absent = 0
     * @param incentive  the agents' incentive policy ({@code none} or {@code tokens}); absent =
     *                   {@code none}, so k is {@code maxSources} for everyone as in the paper's
     *                   comparisons
     * @param freeRiders share of viewers (0-1) with upload disabled, taken evenly through the join
     *                   order; absent = 0
     * @param coverContents other live channels the origin streams for decoys to go to (0-8);
     *                   absent = {@code ceil(decoys)}. Give every configuration of a comparison
     *                   the same number, so the origin does the same work in each
     * @param serverMaxTransfers media answers each server sends at once; more are told 503 busy
     *                   and the agents take those bytes from peers (the origin's
     *                   {@code --max-transfers}); absent = 0, no limit
     * @param rescueHeadroom the agents' {@code DownloadTuning.rescueHeadroom}: a slow source's tail
     *                   moves to a server once the time left is down to this many times what the
     *                   server needs for it (0 = at the first projected miss, else at least 1);
     *                   absent = 0, the agents' default
     * @param relayParents the tracker's relay trees ({@code SwarmPolicy.relayParents}): holders a
     *                   claiming lookup is handed from the object's tree; absent = 0, no trees
     * @param relayFanOut most lookups one holder is handed to ({@code SwarmPolicy.relayFanOut});
     *                   absent = the tracker's default (12)
     * @param relayChildKbps uplink per child ({@code SwarmPolicy.relayChildKbps}): a holder that
     *                   declared a 2 Mbit/s uplink is handed to at most {@code 2000 / relayChildKbps}
     *                   lookups; absent = 0, every holder {@code relayFanOut}
     * @param serverReservedTransfers of {@code serverMaxTransfers}, how many each server keeps for
     *                   agents in good standing at the tracker's token ledger (the origin's
     *                   {@code --reserved-transfers}, the tracker its {@code --standing-issuer}); needs
     *                   peers (a tracker); absent = 0, none
     */
    public record Configuration(String name, int servers, boolean peers, String strategy, int maxSources, Integer liveLeadSegments,
            String deadline, String privacy, Double decoys, Integer coverContents, String incentive, Double freeRiders,
            Integer serverMaxTransfers, Double rescueHeadroom, Double livePhase, Integer relayParents, Integer relayFanOut,
            Integer relayChildKbps, Integer serverReservedTransfers) {
        public Configuration {
            relayParents = relayParents == null ? 0 : relayParents;
            relayFanOut = relayFanOut == null ? SwarmPolicy.defaults().relayFanOut() : relayFanOut;
            relayChildKbps = relayChildKbps == null ? 0 : relayChildKbps;
            try {
                relayTree(SwarmPolicy.defaults(), relayParents, relayFanOut, relayChildKbps);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            livePhase = livePhase == null ? 0.0 : livePhase;
            try {
                io.privastream.core.download.LivePrefetch.checkPhase(livePhase);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": livePhase: " + e.getMessage(), e);
            }
            rescueHeadroom = rescueHeadroom == null ? io.privastream.core.download.DownloadTuning.defaults().rescueHeadroom() : rescueHeadroom;
            try {
                io.privastream.core.download.DownloadTuning.defaults().withRescueHeadroom(rescueHeadroom);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            serverMaxTransfers = serverMaxTransfers == null ? 0 : serverMaxTransfers;
            if (serverMaxTransfers < 0 || serverMaxTransfers > 10_000) {
                throw new IllegalArgumentException(name + ": serverMaxTransfers must be 0-10000 (0 = no limit), got " + serverMaxTransfers);
            }
            serverReservedTransfers = serverReservedTransfers == null ? 0 : serverReservedTransfers;
            if (serverReservedTransfers < 0 || serverReservedTransfers > serverMaxTransfers) {
                throw new IllegalArgumentException(name + ": serverReservedTransfers must be 0-" + serverMaxTransfers + " (serverMaxTransfers), got "
                        + serverReservedTransfers);
            }
            if (serverReservedTransfers > 0 && !peers) {
                throw new IllegalArgumentException(name + ": serverReservedTransfers needs peers (the tracker's ledger says who is in good standing)");
            }
            incentive = incentive == null ? "none" : incentive;
            try {
                io.privastream.core.incentive.IncentivePolicy.byName(incentive);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            freeRiders = freeRiders == null ? 0.0 : freeRiders;
            if (!(freeRiders >= 0 && freeRiders <= 1)) {
                throw new IllegalArgumentException(name + ": freeRiders must be 0-1, got " + freeRiders);
            }
            decoys = decoys == null ? 0.0 : decoys;
            if (!(decoys >= 0 && decoys <= 8)) {
                throw new IllegalArgumentException(name + ": decoys must be 0-8, got " + decoys);
            }
            coverContents = coverContents == null ? (int) Math.ceil(decoys) : coverContents;
            if (coverContents < 0 || coverContents > 8) {
                throw new IllegalArgumentException(name + ": coverContents must be 0-8, got " + coverContents);
            }
            deadline = deadline == null ? "inferred" : deadline;
            privacy = privacy == null ? "encrypted" : privacy;
            try {
                io.privastream.experiments.cluster.PrivacyLevel.parse(privacy);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            try {
                io.privastream.core.download.DeadlinePolicy.parse(deadline);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            // Optional in the file: an absent key is no lead.
            liveLeadSegments = liveLeadSegments == null ? 0 : liveLeadSegments;
            if (liveLeadSegments < 0 || liveLeadSegments > 4) {
                throw new IllegalArgumentException(name + ": liveLeadSegments must be 0-4, got " + liveLeadSegments);
            }
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new IllegalArgumentException("configuration name must be 1-40 of [A-Za-z0-9._-], got '" + name + "'");
            }
            if (servers < 1 || servers > 8) {
                throw new IllegalArgumentException(name + ": servers must be 1-8, got " + servers);
            }
            if (maxSources < 1 || maxSources > 16) {
                throw new IllegalArgumentException(name + ": maxSources must be 1-16, got " + maxSources);
            }
            if (!List.of("single-source", "multi-source").contains(strategy)) {
                throw new IllegalArgumentException(name + ": strategy must be single-source or multi-source, got '" + strategy + "'");
            }
        }

        /**
         * Whether viewer {@code index} (0-based, in join order) of {@code viewers} is a free-rider:
         * the first {@code round(freeRiders × viewers)} of them spread evenly over the order.
         */
        public boolean freeRider(int index, int viewers) {
            int riders = (int) Math.round(freeRiders * viewers);
            if (riders == 0) {
                return false;
            }
            // Bresenham spread: rider j sits at floor(j × viewers / riders).
            for (int j = 0; j < riders; j++) {
                if (j * viewers / riders == index) {
                    return true;
                }
            }
            return false;
        }

        /** {@code base} with this configuration's relay-tree settings. */
        public SwarmPolicy trackerPolicy(SwarmPolicy base) {
            return relayTree(base, relayParents, relayFanOut, relayChildKbps);
        }

        private static SwarmPolicy relayTree(SwarmPolicy base, int parents, int fanOut, int childKbps) {
            return base.toBuilder().relayParents(parents).relayFanOut(fanOut).relayChildKbps(childKbps).build();
        }

        /** {@link #privacy()} parsed. */
        public io.privastream.experiments.cluster.PrivacyLevel privacyLevel() {
            return io.privastream.experiments.cluster.PrivacyLevel.parse(privacy);
        }
    }

    /** @throws IllegalArgumentException naming the first bad key */
    public Scenario {
        if (sessionSeconds <= 0 || intervalSeconds <= 0 || intervalSeconds > sessionSeconds) {
            throw new IllegalArgumentException("need sessionSeconds > 0 and 0 < intervalSeconds <= sessionSeconds, got "
                    + sessionSeconds + ", " + intervalSeconds);
        }
        if (joinSeconds == null || joinSeconds.isEmpty()) {
            throw new IllegalArgumentException("joinSeconds must list at least one viewer");
        }
        joinSeconds = List.copyOf(joinSeconds);
        for (int i = 0; i < joinSeconds.size(); i++) {
            double j = joinSeconds.get(i);
            if (j < 0 || j >= sessionSeconds || (i > 0 && j < joinSeconds.get(i - 1))) {
                throw new IllegalArgumentException("joinSeconds must ascend within [0, sessionSeconds), got " + joinSeconds);
            }
        }
        if (steadyFromSeconds < 0 || steadyFromSeconds >= sessionSeconds) {
            throw new IllegalArgumentException("steadyFromSeconds must be in [0, sessionSeconds), got " + steadyFromSeconds);
        }
        if (repeat < 1 || repeat > 100) {
            throw new IllegalArgumentException("repeat must be 1-100, got " + repeat);
        }
        if (segmentSeconds < 0.1 || segmentSeconds > 30) {
            throw new IllegalArgumentException("segmentSeconds must be 0.1-30, got " + segmentSeconds
                    + " (with --time-scale, the scaled segment must stay >= 0.1 s)");
        }
        if (windowSegments < 3) {
            throw new IllegalArgumentException("windowSegments must be >= 3, got " + windowSegments);
        }
        if (addedLatencyMs < 0 || addedLatencyMs > 10_000) {
            throw new IllegalArgumentException("addedLatencyMs must be 0-10000, got " + addedLatencyMs);
        }
        if (liveDelaySegments < 1 || liveDelaySegments >= windowSegments) {
            throw new IllegalArgumentException("liveDelaySegments must be 1..windowSegments-1, got " + liveDelaySegments);
        }
        if (configurations == null || configurations.isEmpty()) {
            throw new IllegalArgumentException("configurations must list at least one");
        }
        configurations = List.copyOf(configurations);
        Set<String> names = new HashSet<>();
        for (Configuration c : configurations) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("configuration '" + c.name() + "' is listed twice");
            }
        }
        Ladder.parse(ladder);
        for (String rate : List.of(peerDownload, peerUpload, serverUpload)) {
            if (Bandwidth.parse(rate).isUnlimited()) {
                throw new IllegalArgumentException("peerDownload, peerUpload and serverUpload must be finite rates, got '" + rate + "'");
            }
        }
    }

    /** Names of the shipped scenarios, for {@link #builtIn(String)}. */
    public static final List<String> BUILT_IN = List.of("paper", "privacy", "obfuscation", "rewarding", "freeriders");

    /** The shipped reference scenario (the paper's setup). */
    public static Scenario paper() {
        return builtIn("paper");
    }

    /**
     * A shipped scenario: {@code paper} (the four configurations of the paper's main comparison)
     * {@code privacy} (PRIVA-STREAM with privacy off, links encrypted, encrypted and relayed:
     * the paper's "SGX impact") or {@code obfuscation} (0, 1, 2, 4 decoys per query: the paper's
     * "obfuscating requests impact"), {@code rewarding} (k = 1..6: the paper's "rewarding" run) or
     * {@code freeriders} (30 % free-riders, scarce server, incentives off against tokens).
     *
     * @throws IllegalArgumentException naming the known scenarios when {@code name} is none of them
     */
    public static Scenario builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in scenario '" + name + "'; built in: " + BUILT_IN + ", or give a JSON file");
        }
        try (InputStream in = Scenario.class.getResourceAsStream(name + ".json")) {
            return parse(in.readAllBytes(), name + ".json (built in)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + name + ".json", e);
        }
    }

    /**
     * Reads a scenario file.
     *
     * @throws IllegalArgumentException quoting the file and what is wrong in it
     */
    public static Scenario load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Scenario parse(byte[] json, String where) {
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            return m.readValue(json, Scenario.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("bad scenario " + where + ": " + cause.getMessage(), e);
        }
    }

    /**
     * This scenario with every duration multiplied by {@code factor} (session, joins, sampling,
     * segments, latency). Rates are kept: with segments {@code factor} times shorter at the same
     * bitrates, every transfer also takes {@code factor} times as long, so the ratio of link
     * capacity to stream rate, which decides the outcome, is unchanged.
     *
     * @throws IllegalArgumentException if {@code factor} is not in (0, 1] or makes segments shorter than 0.1 s
     */
    public Scenario scaled(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("time scale must be in (0, 1], got " + factor);
        }
        return new Scenario(name, description, sessionSeconds * factor, joinSeconds.stream().map(j -> j * factor).toList(),
                steadyFromSeconds * factor, intervalSeconds * factor, repeat, seed, ladder, segmentSeconds * factor, windowSegments,
                peerDownload, peerUpload, serverUpload, addedLatencyMs * factor, abr, liveDelaySegments, configurations);
    }

    /** With {@code r} repeats. */
    public Scenario withRepeat(int r) {
        return new Scenario(name, description, sessionSeconds, joinSeconds, steadyFromSeconds, intervalSeconds, r, seed, ladder,
                segmentSeconds, windowSegments, peerDownload, peerUpload, serverUpload, addedLatencyMs, abr, liveDelaySegments,
                configurations);
    }

    /** Only the named configurations, in this scenario's order. */
    public Scenario only(List<String> names) {
        List<Configuration> kept = configurations.stream().filter(c -> names.contains(c.name())).toList();
        if (kept.size() != new HashSet<>(names).size()) {
            throw new IllegalArgumentException("unknown configuration in " + names + "; known: "
                    + configurations.stream().map(Configuration::name).toList());
        }
        return new Scenario(name, description, sessionSeconds, joinSeconds, steadyFromSeconds, intervalSeconds, repeat, seed, ladder,
                segmentSeconds, windowSegments, peerDownload, peerUpload, serverUpload, addedLatencyMs, abr, liveDelaySegments, kept);
    }

    public int viewers() {
        return joinSeconds.size();
    }

    public Ladder parsedLadder() {
        return Ladder.parse(ladder);
    }

    public Duration segment() {
        return seconds(segmentSeconds);
    }

    public Duration session() {
        return seconds(sessionSeconds);
    }

    public Duration interval() {
        return seconds(intervalSeconds);
    }

    /**
     * The fluid-model bound on the video bitrate every viewer can sustain in {@code c}, kbit/s:
     * {@code min(top rendition, (u_s·servers + Σu_i) / n)} with Σu_i = 0 without peers; the sum
     * is over the viewers that upload (free-riders add nothing).
     */
    public double fluidBoundKbps(Configuration c) {
        double servers = Bandwidth.parse(serverUpload).bitsPerSecond() * (double) c.servers();
        long uploading = java.util.stream.IntStream.range(0, viewers()).filter(i -> !c.freeRider(i, viewers())).count();
        double peers = c.peers() ? Bandwidth.parse(peerUpload).bitsPerSecond() * (double) uploading : 0;
        return Math.min(parsedLadder().top().bitrate().bitsPerSecond(), (servers + peers) / viewers()) / 1000.0;
    }

    static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
