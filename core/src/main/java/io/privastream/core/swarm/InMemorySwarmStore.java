package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link SwarmStore} in the process's memory: the default, and the one tests and the
 * simulator use.
 *
 * <p>Per swarm it keeps the peers in a hash map and a skip list ordered by last-seen time, and
 * the holdings in three indexes (by peer, by object, by announce time), so that a join,
 * announce entry or heartbeat costs O(log n), a holders lookup reads only the object's holders
 * or the freshest peers, and a sweep reads only what it drops. Memory is roughly 300 bytes per
 * peer plus 250 bytes per holding.
 *
 * <p>Thread-safe: changes to one swarm are serialized on that swarm, changes to different
 * swarms run in parallel, and reads never lock.
 */
public final class InMemorySwarmStore implements SwarmStore {
    private final ConcurrentHashMap<ContentId, MemorySwarm> swarms = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySwarmStore() {
    }

    private Optional<MemorySwarm> find(ContentId content) {
        return Optional.ofNullable(swarms.get(content));
    }

    private MemorySwarm existing(ContentId content) {
        MemorySwarm swarm = swarms.get(content);
        if (swarm == null) {
            throw new IllegalStateException("no swarm for content " + content);
        }
        return swarm;
    }

    @Override
    public Optional<SwarmMode> mode(ContentId content) {
        return find(content).map(swarm -> swarm.mode);
    }

    @Override
    public SwarmMode createSwarm(ContentId content, SwarmMode mode) {
        return swarms.computeIfAbsent(content, c -> new MemorySwarm(mode)).mode;
    }

    @Override
    public void removeSwarm(ContentId content) {
        swarms.remove(content);
    }

    @Override
    public int swarmCount() {
        return swarms.size();
    }

    @Override
    public List<ContentId> swarms() {
        return List.copyOf(swarms.keySet());
    }

    @Override
    public Optional<PeerEntry> peer(ContentId content, PeerId peer) {
        return find(content).flatMap(swarm -> swarm.peer(peer));
    }

    @Override
    public void putPeer(ContentId content, PeerEntry entry) {
        existing(content).putPeer(entry);
    }

    @Override
    public boolean touchPeer(ContentId content, PeerId peer, long nowNanos) {
        return find(content).map(swarm -> swarm.touch(peer, nowNanos)).orElse(false);
    }

    @Override
    public int removePeer(ContentId content, PeerId peer) {
        return find(content).map(swarm -> swarm.removePeer(peer)).orElse(-1);
    }

    @Override
    public int peerCount(ContentId content) {
        return find(content).map(MemorySwarm::peerCount).orElse(0);
    }

    @Override
    public Stream<PeerEntry> peersFreshestFirst(ContentId content) {
        return find(content).map(MemorySwarm::peersFreshestFirst).orElseGet(Stream::empty);
    }

    @Override
    public List<PeerId> peersSeenBefore(ContentId content, long nanos, int max) {
        return find(content).map(swarm -> swarm.peersSeenBefore(nanos, max)).orElseGet(List::of);
    }

    @Override
    public void putHolding(ContentId content, HoldingEntry entry) {
        existing(content).putHolding(entry);
    }

    @Override
    public boolean removeHolding(ContentId content, PeerId peer, String path) {
        return find(content).map(swarm -> swarm.removeHolding(peer, path)).orElse(false);
    }

    @Override
    public Optional<HoldingEntry> holding(ContentId content, PeerId peer, String path) {
        return find(content).flatMap(swarm -> swarm.holding(peer, path));
    }

    @Override
    public int holdingCount(ContentId content, PeerId peer) {
        return find(content).map(swarm -> swarm.holdingCount(peer)).orElse(0);
    }

    @Override
    public int holderCount(ContentId content, String path) {
        return find(content).map(swarm -> swarm.holderCount(path)).orElse(0);
    }

    @Override
    public List<HoldingEntry> holdersOf(ContentId content, String path) {
        return find(content).map(swarm -> swarm.holdersOf(path)).orElseGet(List::of);
    }

    @Override
    public List<HoldingEntry> holdingsAnnouncedBefore(ContentId content, long nanos, int max) {
        return find(content).map(swarm -> swarm.holdingsAnnouncedBefore(nanos, max)).orElseGet(List::of);
    }

    @Override
    public int objectCount(ContentId content) {
        return find(content).map(MemorySwarm::objectCount).orElse(0);
    }

    @Override
    public long holdingCount(ContentId content) {
        return find(content).map(MemorySwarm::holdingCount).orElse(0L);
    }
}
