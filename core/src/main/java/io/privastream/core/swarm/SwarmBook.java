package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import io.privastream.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The tracker's decisions: who is in which swarm, what each peer holds, whom to hand out.
 *
 * <p>Rules, all measured on the injected {@link Ticker}:
 * <ul>
 *   <li>The first join of a swarm fixes its mode (live or on demand); later joins cannot
 *       change it. A join of a listed peer refreshes its endpoint and last-seen time and keeps
 *       its holdings.</li>
 *   <li>An announce adds and drops holdings (drops first, so a path in both lists is held) and
 *       counts as a heartbeat; re-announcing a holding refreshes its announce time.</li>
 *   <li>A peer is <em>listed</em> while it is silent for at most {@code peerTimeout}; a live
 *       holding is <em>fresh</em> while it was announced at most {@code liveWindow} ago (both
 *       bounds inclusive). Lookups hand out only listed peers and, in live swarms, fresh
 *       holdings; {@link #expire()} removes the rest. A swarm left without peers is removed.</li>
 *   <li>A lookup returns at most {@code min(limit, maxHolders)} holders, most recently heard
 *       from first, ties by ascending peer id, never the asker.</li>
 *   <li>A claiming lookup lists the (listed) asker, unless it already holds the object, as a
 *       <em>pending</em> holder: it is fetching it and serves the bytes as they arrive, so the
 *       peers asking next fetch from it rather than all from the servers at once. A claim is
 *       handed out for {@code claimTtl} unless the peer announces the object (which makes it
 *       complete) or drops it.</li>
 *   <li>A claiming lookup is handed up to {@code relayParents} holders from the object's
 *       {@link RelayTree} (shallowest first, none handed to more than {@code relayFanOut}
 *       lookups), so an object asked for by everyone at once spreads as a wide tree; when the
 *       tree has none to give, it gets the holders heard from last, as other lookups do.</li>
 * </ul>
 *
 * <p>A refused request ({@link SwarmException}) changes nothing. Thread-safe: changes to one
 * swarm are serialized (so limits hold exactly with one book per store), lookups and stats do
 * not lock.
 */
public final class SwarmBook {
    private static final int LOCK_STRIPES = 64;
    /** Peers or holdings removed per store call in a sweep; keeps each reply bounded. */
    private static final int SWEEP_BATCH = 1024;

    private final SwarmPolicy policy;
    private final SwarmStore store;
    private final Ticker ticker;
    private final ReentrantLock[] swarmLocks = new ReentrantLock[LOCK_STRIPES];
    /** Relay trees by swarm and object path; each swarm's map is used under that swarm's lock. */
    private final Map<ContentId, Map<String, RelayTree>> trees = new java.util.concurrent.ConcurrentHashMap<>();
    /** Uplinks peers declared at join, kbit/s, per swarm; changed under the swarm's lock. */
    private final Map<ContentId, Map<PeerId, Integer>> uplinks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Serializes opening swarms, so that {@code maxSwarms} holds across stripes. */
    private final ReentrantLock openingLock = new ReentrantLock();

    /**
     * A book over {@code store}, which may already hold swarms (e.g. a shared backend).
     *
     * @throws IllegalArgumentException if an argument is missing
     */
    public SwarmBook(SwarmPolicy policy, SwarmStore store, Ticker ticker) {
        if (policy == null || store == null || ticker == null) {
            throw new IllegalArgumentException("swarm book needs a policy, a store and a ticker");
        }
        this.policy = policy;
        this.store = store;
        this.ticker = ticker;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            swarmLocks[i] = new ReentrantLock();
        }
    }

    /** A book over a new {@link InMemorySwarmStore}. */
    public static SwarmBook inMemory(SwarmPolicy policy, Ticker ticker) {
        return new SwarmBook(policy, new InMemorySwarmStore(), ticker);
    }

    /** The policy this book applies. */
    public SwarmPolicy policy() {
        return policy;
    }

    /**
     * Lists {@code peer} in the swarm of {@code content}, opening the swarm with {@code mode}
     * if it has no peers.
     *
     * @param endpoint how other peers reach this one, 1 to {@code maxEndpointLength} characters
     *                 without control characters; stored unread
     * @return the swarm's mode, which is {@code mode} only if this join opened the swarm
     * @throws InvalidSwarmRequestException if the endpoint is blank, too long or has control characters
     * @throws SwarmLimitException          if the swarm or the tracker is full
     */
    public SwarmMode join(ContentId content, PeerId peer, String endpoint, SwarmMode mode) {
        return join(content, peer, endpoint, mode, 0);
    }

    /**
     * Like {@link #join(ContentId, PeerId, String, SwarmMode)}, with the uplink the peer declares:
     * with {@link SwarmPolicy#relayChildKbps()} set, relay trees hand a holder out in proportion
     * to it. A declaration is a hint, not a promise: a peer that overstates its uplink only
     * attracts more requests than it can serve, which its own upload queue then turns away.
     *
     * @param uploadKbps the declared uplink, kbit/s; 0 for undeclared (replaces an earlier one)
     * @throws InvalidSwarmRequestException if {@code uploadKbps < 0}
     */
    public SwarmMode join(ContentId content, PeerId peer, String endpoint, SwarmMode mode, int uploadKbps) {
        if (uploadKbps < 0) {
            throw new InvalidSwarmRequestException("uploadKbps must be >= 0, got " + uploadKbps);
        }
        checkEndpoint(endpoint);
        return inSwarm(content, () -> {
            SwarmMode inForce = store.mode(content).orElseGet(() -> open(content, mode));
            boolean known = store.peer(content, peer).isPresent();
            if (!known && store.peerCount(content) >= policy.maxPeersPerSwarm()) {
                throw new SwarmLimitException(SwarmLimitException.Limit.PEERS_PER_SWARM, "the swarm of " + content
                        + " is full (" + policy.maxPeersPerSwarm() + " peers); retry later");
            }
            store.putPeer(content, new PeerEntry(peer, endpoint, ticker.nanos()));
            if (uploadKbps > 0) {
                uplinks.computeIfAbsent(content, c -> new HashMap<>()).put(peer, uploadKbps);
            } else {
                forgetUplink(content, peer);
            }
            return inForce;
        });
    }

    private SwarmMode open(ContentId content, SwarmMode mode) {
        openingLock.lock();
        try {
            if (store.swarmCount() >= policy.maxSwarms()) {
                throw new SwarmLimitException(SwarmLimitException.Limit.SWARMS,
                        "the tracker is full (" + policy.maxSwarms() + " swarms); retry later");
            }
            return store.createSwarm(content, mode);
        } finally {
            openingLock.unlock();
        }
    }

    private void checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > policy.maxEndpointLength()) {
            throw new InvalidSwarmRequestException("endpoint must be 1-" + policy.maxEndpointLength()
                    + " characters, got '" + Text.quote(endpoint) + "'");
        }
        // The endpoint is handed to other peers and may reach their logs.
        if (endpoint.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidSwarmRequestException("endpoint has a control character: '" + Text.quote(endpoint) + "'");
        }
    }

    /**
     * Applies a change to what {@code peer} holds and counts it as a heartbeat: {@code drop}
     * first, then {@code have} (a later entry for the same path wins).
     *
     * @throws NotInSwarmException          if the peer is not listed
     * @throws InvalidSwarmRequestException if a dropped path is not a safe object path
     * @throws SwarmLimitException          if the peer would hold more than {@code maxHoldingsPerPeer}
     */
    public void announce(ContentId content, PeerId peer, List<HeldObject> have, List<String> drop) {
        for (String path : drop) {
            checkPath(path);
        }
        Map<String, Long> added = new LinkedHashMap<>();
        have.forEach(object -> added.put(object.path(), object.sizeBytes()));
        inSwarm(content, () -> {
            requireListed(content, peer);
            int after = store.holdingCount(content, peer);
            for (String path : drop) {
                if (!added.containsKey(path) && store.holding(content, peer, path).isPresent()) {
                    after--;
                }
            }
            for (String path : added.keySet()) {
                if (store.holding(content, peer, path).isEmpty()) {
                    after++;
                }
            }
            if (after > policy.maxHoldingsPerPeer()) {
                throw new SwarmLimitException(SwarmLimitException.Limit.HOLDINGS_PER_PEER, "peer " + peer + " would hold "
                        + after + " objects, more than " + policy.maxHoldingsPerPeer() + "; announce fewer");
            }
            long now = ticker.nanos();
            drop.forEach(path -> store.removeHolding(content, peer, path));
            added.forEach((path, size) -> store.putHolding(content, new HoldingEntry(peer, path, size, now)));
            Map<String, RelayTree> ofSwarm = trees.get(content);
            if (ofSwarm != null) {
                added.keySet().forEach(path -> Optional.ofNullable(ofSwarm.get(path)).ifPresent(t -> t.completed(peer)));
            }
            store.touchPeer(content, peer, now);
            return null;
        });
    }

    /**
     * Records that {@code peer} is alive.
     *
     * @throws NotInSwarmException if the peer is not listed
     */
    public void heartbeat(ContentId content, PeerId peer) {
        inSwarm(content, () -> {
            if (!store.touchPeer(content, peer, ticker.nanos())) {
                throw new NotInSwarmException(content, peer);
            }
            return null;
        });
    }

    /**
     * Removes {@code peer} and all its holdings; removes the swarm if it was the last peer.
     *
     * @throws NotInSwarmException if the peer is not listed (it may have expired already)
     */
    public void leave(ContentId content, PeerId peer) {
        inSwarm(content, () -> {
            if (store.removePeer(content, peer) < 0) {
                throw new NotInSwarmException(content, peer);
            }
            forgetUplink(content, peer);
            if (store.peerCount(content) == 0) {
                store.removeSwarm(content);
                uplinks.remove(content);
            }
            return null;
        });
    }

    /**
     * Holders of {@code path} for an asker that does not name itself; see
     * {@link #holders(ContentId, String, PeerId, int)}.
     */
    public List<HolderInfo> holders(ContentId content, String path, int limit) {
        return lookup(content, path, Optional.empty(), limit);
    }

    /**
     * Listed peers holding {@code path}, most recently heard from first (ties by ascending peer
     * id), never {@code asker}, in live swarms only fresh holdings. The asker need not be listed.
     *
     * @param limit at least 1; values above {@code maxHolders} are clamped to it
     * @return at most {@code min(limit, maxHolders)} holders; empty for an unknown swarm
     * @throws InvalidSwarmRequestException if {@code path} is not a safe object path or {@code limit < 1}
     */
    public List<HolderInfo> holders(ContentId content, String path, PeerId asker, int limit) {
        return lookup(content, path, Optional.of(asker), limit);
    }

    /**
     * Like {@link #holders(ContentId, String, PeerId, int)}, and when the asker is listed and does
     * not hold the object yet, atomically records it as a pending holder: every peer fetching an
     * object relays it to those who ask after it, so the first askers' uplinks all carry the
     * object instead of only the very first one's (whose uplink the rest would share). Holders
     * found are those known before the asker, so relays never wait on each other in a cycle.
     *
     * @throws InvalidSwarmRequestException if {@code path} is not a safe object path or {@code limit < 1}
     */
    public Lookup claim(ContentId content, String path, PeerId asker, int limit) {
        // Validated before taking the lock (a full lookup here would cost a holder search per claim).
        checkPath(path);
        if (limit < 1) {
            throw new InvalidSwarmRequestException("limit must be >= 1, got " + limit);
        }
        // Under the swarm's lock, so that of peers asking at once each sees those before it.
        return inSwarm(content, () -> {
            Optional<RelayTree> tree = relayTree(content, path);
            List<HolderInfo> found = tree.isPresent() ? fromTree(tree.get(), content, path, asker, Math.min(limit, policy.maxHolders()))
                    : List.of();
            if (found.isEmpty()) {
                List<HolderInfo> freshest = lookup(content, path, Optional.of(asker), limit);
                // Holders found the old way join the tree, so that later lookups spread over them.
                tree.ifPresent(t -> lookedUp(t, freshest));
                found = freshest;
            }
            if (store.peer(content, asker).isEmpty() || store.holding(content, asker, path).isPresent()
                    || store.holdingCount(content, asker) >= policy.maxHoldingsPerPeer()) {
                return new Lookup(found, false);
            }
            store.putHolding(content, new HoldingEntry(asker, path, 0, ticker.nanos(), true));
            List<HolderInfo> parents = found;
            tree.ifPresent(t -> t.claimed(asker, t.depthUnder(parents.stream().map(HolderInfo::peer).toList())));
            return new Lookup(found, true);
        });
    }

    /** The relay tree of an object, made on its first claim; empty when the policy turns trees off. */
    private Optional<RelayTree> relayTree(ContentId content, String path) {
        if (policy.relayParents() == 0) {
            return Optional.empty();
        }
        Map<String, RelayTree> ofSwarm = trees.computeIfAbsent(content, c -> new HashMap<>());
        return Optional.of(ofSwarm.computeIfAbsent(path, p -> new RelayTree(policy.relayParents(), peer -> fanOut(content, peer), ticker.nanos())));
    }

    /** Most lookups a holder is handed to: {@code relayFanOut}, or less for a declared small uplink. */
    private int fanOut(ContentId content, PeerId peer) {
        Map<PeerId, Integer> declared = uplinks.get(content);
        Integer kbps = declared == null ? null : declared.get(peer);
        if (policy.relayChildKbps() == 0 || kbps == null) {
            return policy.relayFanOut();
        }
        return Math.clamp(kbps / policy.relayChildKbps(), 1, policy.relayFanOut());
    }

    private void forgetUplink(ContentId content, PeerId peer) {
        Map<PeerId, Integer> declared = uplinks.get(content);
        if (declared != null) {
            declared.remove(peer);
        }
    }

    private static void lookedUp(RelayTree tree, List<HolderInfo> holders) {
        for (HolderInfo h : holders) {
            if (h.pending()) {
                tree.claimed(h.peer(), 1);
            } else {
                tree.completed(h.peer());
            }
        }
    }

    /** Holders the tree hands {@code asker}, as lookups describe them; never the asker, never stale ones. */
    private List<HolderInfo> fromTree(RelayTree tree, ContentId content, String path, PeerId asker, int limit) {
        long now = ticker.nanos();
        Optional<SwarmMode> mode = store.mode(content);
        long peerCutoff = now - policy.peerTimeout().toNanos();
        long holdingCutoff = mode.isPresent() && mode.get().isLive() ? now - policy.liveWindow().toNanos() : Long.MIN_VALUE;
        long claimCutoff = Math.max(holdingCutoff, now - policy.claimTtl().toNanos());
        List<HolderInfo> out = new ArrayList<>();
        tree.handOut(asker, peer -> {
            if (out.size() >= limit) {
                return false;
            }
            Optional<PeerEntry> entry = store.peer(content, peer).filter(e -> e.lastSeenNanos() >= peerCutoff);
            Optional<HoldingEntry> holding = store.holding(content, peer, path)
                    .filter(h -> h.announcedNanos() >= (h.pending() ? claimCutoff : holdingCutoff));
            if (entry.isEmpty() || holding.isEmpty()) {
                return false;
            }
            Duration silence = Duration.ofNanos(Math.max(0, now - entry.get().lastSeenNanos()));
            out.add(new HolderInfo(peer, entry.get().endpoint(), holding.get().sizeBytes(), silence, holding.get().pending()));
            return true;
        });
        return out;
    }

    private List<HolderInfo> lookup(ContentId content, String path, Optional<PeerId> asker, int limit) {
        checkPath(path);
        if (limit < 1) {
            throw new InvalidSwarmRequestException("limit must be >= 1, got " + limit);
        }
        Optional<SwarmMode> mode = store.mode(content);
        if (mode.isEmpty()) {
            return List.of();
        }
        long now = ticker.nanos();
        long holdingCutoff = mode.get().isLive() ? now - policy.liveWindow().toNanos() : Long.MIN_VALUE;
        return new HolderSearch(store, content, path, asker, Math.min(limit, policy.maxHolders()),
                now, now - policy.peerTimeout().toNanos(), holdingCutoff, now - policy.claimTtl().toNanos()).find();
    }

    /**
     * Drops every peer silent for longer than {@code peerTimeout} (with its holdings), in live
     * swarms every holding announced longer than {@code liveWindow} ago, and swarms left empty.
     * Meant to be called periodically; the cost is proportional to what it drops plus the
     * number of swarms.
     */
    public ExpiryReport expire() {
        long now = ticker.nanos();
        long peerCutoff = now - policy.peerTimeout().toNanos();
        long holdingCutoff = now - policy.liveWindow().toNanos();
        long claimCutoff = now - policy.claimTtl().toNanos();
        int peers = 0;
        long holdings = 0;
        int swarms = 0;
        for (ContentId content : store.swarms()) {
            ExpiryReport one = inSwarm(content, () -> expire(content, peerCutoff, holdingCutoff, claimCutoff));
            peers += one.peers();
            holdings += one.holdings();
            swarms += one.swarms();
        }
        return new ExpiryReport(peers, holdings, swarms);
    }

    private ExpiryReport expire(ContentId content, long peerCutoff, long holdingCutoff, long claimCutoff) {
        Optional<SwarmMode> mode = store.mode(content);
        if (mode.isEmpty()) {
            trees.remove(content);
            uplinks.remove(content);
            return ExpiryReport.NOTHING; // removed since the list was taken
        }
        // A tree serves the rush of lookups right after an object appears; later ones use the
        // holders heard from last, and a new claim starts a new tree.
        Map<String, RelayTree> ofSwarm = trees.get(content);
        if (ofSwarm != null) {
            long treeCutoff = Math.min(holdingCutoff, claimCutoff);
            ofSwarm.values().removeIf(t -> t.bornNanos() < treeCutoff);
        }
        int peers = 0;
        long holdings = 0;
        // Each round must remove something: a store that keeps answering the same batch would
        // otherwise hold the swarm's lock forever.
        boolean progress = true;
        while (progress) {
            List<PeerId> silent = store.peersSeenBefore(content, peerCutoff, SWEEP_BATCH);
            progress = false;
            for (PeerId peer : silent) {
                int removed = store.removePeer(content, peer);
                forgetUplink(content, peer);
                if (removed >= 0) {
                    peers++;
                    holdings += removed;
                    progress = true;
                }
            }
        }
        if (mode.get().isLive()) {
            progress = true;
            while (progress) {
                progress = false;
                for (HoldingEntry holding : store.holdingsAnnouncedBefore(content, holdingCutoff, SWEEP_BATCH)) {
                    if (store.removeHolding(content, holding.peer(), holding.path())) {
                        holdings++;
                        progress = true;
                    }
                }
            }
        }
        // Stale claims: the claimer neither announced nor dropped the object (it failed or died).
        progress = true;
        while (progress) {
            progress = false;
            for (HoldingEntry holding : store.holdingsAnnouncedBefore(content, claimCutoff, SWEEP_BATCH)) {
                if (holding.pending() && store.removeHolding(content, holding.peer(), holding.path())) {
                    holdings++;
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
        }
        int swarms = 0;
        if (store.peerCount(content) == 0) {
            store.removeSwarm(content);
            trees.remove(content);
            uplinks.remove(content);
            swarms = 1;
        }
        return new ExpiryReport(peers, holdings, swarms);
    }

    /** Counts of the swarm of {@code content}, or empty if there is no such swarm. */
    public Optional<SwarmSummary> stats(ContentId content) {
        return store.mode(content).map(mode -> new SwarmSummary(store.peerCount(content),
                store.objectCount(content), store.holdingCount(content), mode));
    }

    /** Number of open swarms. */
    public int swarmCount() {
        return store.swarmCount();
    }

    private void requireListed(ContentId content, PeerId peer) {
        if (store.peer(content, peer).isEmpty()) {
            throw new NotInSwarmException(content, peer);
        }
    }

    private static void checkPath(String path) {
        try {
            SegmentKey.checkPath(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidSwarmRequestException(e.getMessage());
        }
    }

    private <T> T inSwarm(ContentId content, Supplier<T> change) {
        ReentrantLock lock = swarmLocks[Math.floorMod(content.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }
}
