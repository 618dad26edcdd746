package io.privastream.core.swarm;

import java.time.Duration;

/**
 * The timing and abuse bounds of a {@link SwarmBook}. Immutable; build with {@link #builder()}
 * or take {@link #defaults()}.
 *
 * <p>Worst-case memory is bounded per dimension, not in total: {@code maxSwarms ×
 * maxPeersPerSwarm × maxHoldingsPerPeer} holdings could in theory be stored, so an operator
 * expecting large on-demand caches lowers one of them.
 *
 * @param heartbeatInterval  how often agents are told to announce or heartbeat; default 5 s;
 *                           at least 1 ms (the wire carries milliseconds)
 * @param peerTimeout        a peer silent for longer than this is no longer handed out and is
 *                           dropped by the next sweep; default 15 s (three missed heartbeats);
 *                           at least {@code heartbeatInterval}
 * @param liveWindow         in a live swarm, a holding announced longer ago than this is no
 *                           longer handed out and is dropped by the next sweep; default 30 s
 *                           (the live window of SmoothCache-style live streaming); at least 1 ms
 * @param defaultHolders     holders returned when a lookup names no limit; default 8;
 *                           between 1 and {@code maxHolders}
 * @param maxHolders         most holders one lookup returns, larger limits are clamped to it;
 *                           default 50
 * @param maxSwarms          most swarms at once; a join that would open one more is refused;
 *                           default 10,000
 * @param maxPeersPerSwarm   most peers in one swarm; a new peer beyond it is refused (a known
 *                           peer rejoining always succeeds); default 50,000
 * @param maxHoldingsPerPeer most objects one peer may hold at once; an announce that would
 *                           exceed it is refused whole; default 10,000 (over 5 hours of 2-second
 *                           segments of one rendition)
 * @param maxEndpointLength  longest endpoint accepted at join, in characters; default 1024
 *                           (the wire's own bound, {@code JoinRequest.MAX_ENDPOINT_LENGTH})
 * @param claimTtl           a claim (a peer that looked an object up, found no holder and is
 *                           fetching it) is handed out as a pending holder for this long unless
 *                           the peer announces the object; default 10 s; at least 1 ms
 * @param relayParents       holders a claiming lookup is handed from the object's relay tree
 *                           (see {@link RelayTree}); default 0: off, every lookup gets the
 *                           holders heard from last (the simulator compares both; see
 *                           docs/simulator.md)
 * @param relayFanOut        most claiming lookups one holder of an object is handed to; default
 *                           12, so each level of the tree is about 3 times the one above;
 *                           greater than {@code relayParents} unless the tree is off
 * @param relayChildKbps     uplink, kbit/s, a holder that declared its uplink at join is
 *                           counted on to give each lookup it is handed to: it is handed to at
 *                           most {@code clamp(uplink / relayChildKbps, 1, relayFanOut)} lookups,
 *                           so a 0.5 Mbit/s uplink is not asked to feed as many as a 20 Mbit/s
 *                           one. Default 0: declared uplinks are ignored, every holder gets
 *                           {@code relayFanOut}. At least 0
 */
public record SwarmPolicy(
        Duration heartbeatInterval,
        Duration peerTimeout,
        Duration liveWindow,
        int defaultHolders,
        int maxHolders,
        int maxSwarms,
        int maxPeersPerSwarm,
        int maxHoldingsPerPeer,
        int maxEndpointLength,
        Duration claimTtl,
        int relayParents,
        int relayFanOut,
        int relayChildKbps) {

    private static final Duration MIN_DURATION = Duration.ofMillis(1);

    /** @throws IllegalArgumentException quoting the first inconsistent value */
    public SwarmPolicy {
        requireAtLeastMillis("heartbeatInterval", heartbeatInterval);
        requireAtLeastMillis("peerTimeout", peerTimeout);
        requireAtLeastMillis("liveWindow", liveWindow);
        if (peerTimeout.compareTo(heartbeatInterval) < 0) {
            throw new IllegalArgumentException("peerTimeout " + peerTimeout + " must be >= heartbeatInterval " + heartbeatInterval);
        }
        requirePositive("maxHolders", maxHolders);
        if (defaultHolders < 1 || defaultHolders > maxHolders) {
            throw new IllegalArgumentException("defaultHolders must be 1-" + maxHolders + " (maxHolders), got " + defaultHolders);
        }
        requirePositive("maxSwarms", maxSwarms);
        requirePositive("maxPeersPerSwarm", maxPeersPerSwarm);
        requirePositive("maxHoldingsPerPeer", maxHoldingsPerPeer);
        requirePositive("maxEndpointLength", maxEndpointLength);
        requireAtLeastMillis("claimTtl", claimTtl);
        if (relayParents < 0 || relayParents > 0 && relayFanOut <= relayParents) {
            throw new IllegalArgumentException("relayFanOut " + relayFanOut + " must exceed relayParents " + relayParents
                    + " (else the relay tree grows no wider than a chain), and relayParents must be >= 0");
        }
        if (relayChildKbps < 0) {
            throw new IllegalArgumentException("relayChildKbps must be >= 0 (0 = ignore declared uplinks), got " + relayChildKbps);
        }
    }

    /** The defaults listed on the record. */
    public static SwarmPolicy defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireAtLeastMillis(String name, Duration value) {
        if (value == null || value.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** Collects a {@link SwarmPolicy}; every value starts at its default. Not thread-safe. */
    public static final class Builder {
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration peerTimeout = Duration.ofSeconds(15);
        private Duration liveWindow = Duration.ofSeconds(30);
        private Duration claimTtl = Duration.ofSeconds(10);
        private int defaultHolders = 8;
        private int maxHolders = 50;
        private int maxSwarms = 10_000;
        private int maxPeersPerSwarm = 50_000;
        private int maxHoldingsPerPeer = 10_000;
        private int maxEndpointLength = 1024;
        private int relayParents = 0;
        private int relayFanOut = 12;
        private int relayChildKbps = 0;

        private Builder() {
        }

        private Builder(SwarmPolicy from) {
            heartbeatInterval = from.heartbeatInterval;
            peerTimeout = from.peerTimeout;
            liveWindow = from.liveWindow;
            claimTtl = from.claimTtl;
            defaultHolders = from.defaultHolders;
            maxHolders = from.maxHolders;
            maxSwarms = from.maxSwarms;
            maxPeersPerSwarm = from.maxPeersPerSwarm;
            maxHoldingsPerPeer = from.maxHoldingsPerPeer;
            maxEndpointLength = from.maxEndpointLength;
            relayParents = from.relayParents;
            relayFanOut = from.relayFanOut;
            relayChildKbps = from.relayChildKbps;
        }

        /** See {@link SwarmPolicy#relayParents()}. */
        public Builder relayParents(int value) {
            relayParents = value;
            return this;
        }

        /** See {@link SwarmPolicy#relayChildKbps()}. */
        public Builder relayChildKbps(int value) {
            relayChildKbps = value;
            return this;
        }

        /** See {@link SwarmPolicy#relayFanOut()}. */
        public Builder relayFanOut(int value) {
            relayFanOut = value;
            return this;
        }

        /** See {@link SwarmPolicy#heartbeatInterval()}. */
        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        /** See {@link SwarmPolicy#peerTimeout()}. */
        public Builder peerTimeout(Duration value) {
            peerTimeout = value;
            return this;
        }

        /** See {@link SwarmPolicy#claimTtl()}. */
        public Builder claimTtl(Duration value) {
            claimTtl = value;
            return this;
        }

        /** See {@link SwarmPolicy#liveWindow()}. */
        public Builder liveWindow(Duration value) {
            liveWindow = value;
            return this;
        }

        /** See {@link SwarmPolicy#defaultHolders()}. */
        public Builder defaultHolders(int value) {
            defaultHolders = value;
            return this;
        }

        /** See {@link SwarmPolicy#maxHolders()}. */
        public Builder maxHolders(int value) {
            maxHolders = value;
            return this;
        }

        /** See {@link SwarmPolicy#maxSwarms()}. */
        public Builder maxSwarms(int value) {
            maxSwarms = value;
            return this;
        }

        /** See {@link SwarmPolicy#maxPeersPerSwarm()}. */
        public Builder maxPeersPerSwarm(int value) {
            maxPeersPerSwarm = value;
            return this;
        }

        /** See {@link SwarmPolicy#maxHoldingsPerPeer()}. */
        public Builder maxHoldingsPerPeer(int value) {
            maxHoldingsPerPeer = value;
            return this;
        }

        /** See {@link SwarmPolicy#maxEndpointLength()}. */
        public Builder maxEndpointLength(int value) {
            maxEndpointLength = value;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException quoting the first inconsistent value
         */
        public SwarmPolicy build() {
            return new SwarmPolicy(heartbeatInterval, peerTimeout, liveWindow, defaultHolders, maxHolders,
                    maxSwarms, maxPeersPerSwarm, maxHoldingsPerPeer, maxEndpointLength, claimTtl, relayParents, relayFanOut, relayChildKbps);
        }
    }
}
