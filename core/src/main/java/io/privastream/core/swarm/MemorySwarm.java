package io.privastream.core.swarm;

import io.privastream.core.media.PeerId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

/**
 * One swarm of an {@link InMemorySwarmStore}: the peers and three indexes over the holdings.
 *
 * <p>Writers synchronize on the swarm so that the indexes change together; readers do not lock
 * and rely on the concurrent collections (weakly consistent, never corrupt).
 */
final class MemorySwarm {
    final SwarmMode mode;
    private final ConcurrentHashMap<PeerId, PeerSlot> peers = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<PeerEntry> byFreshness = new ConcurrentSkipListSet<>(PeerEntry.FRESHEST_FIRST);
    /** Object path → its holders: a lookup reads one object's holders, never all peers. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<PeerId, HoldingEntry>> holders = new ConcurrentHashMap<>();
    /** Holdings by announce time, so that a live-window sweep reads only what it drops. */
    private final AgeIndex byAge = new AgeIndex();
    private volatile long holdingCount;

    MemorySwarm(SwarmMode mode) {
        this.mode = mode;
    }

    private static final class PeerSlot {
        volatile PeerEntry entry;
        final ConcurrentHashMap<String, HoldingEntry> holdings = new ConcurrentHashMap<>();

        PeerSlot(PeerEntry entry) {
            this.entry = entry;
        }
    }

    Optional<PeerEntry> peer(PeerId peer) {
        PeerSlot slot = peers.get(peer);
        return slot == null ? Optional.empty() : Optional.of(slot.entry);
    }

    synchronized void putPeer(PeerEntry entry) {
        PeerSlot slot = peers.get(entry.peer());
        if (slot == null) {
            peers.put(entry.peer(), new PeerSlot(entry));
        } else {
            byFreshness.remove(slot.entry);
            slot.entry = entry;
        }
        byFreshness.add(entry);
    }

    synchronized boolean touch(PeerId peer, long nowNanos) {
        PeerSlot slot = peers.get(peer);
        if (slot == null) {
            return false;
        }
        byFreshness.remove(slot.entry);
        slot.entry = slot.entry.seenAt(nowNanos);
        byFreshness.add(slot.entry);
        return true;
    }

    synchronized int removePeer(PeerId peer) {
        PeerSlot slot = peers.remove(peer);
        if (slot == null) {
            return -1;
        }
        byFreshness.remove(slot.entry);
        slot.holdings.values().forEach(this::unindex);
        holdingCount -= slot.holdings.size();
        return slot.holdings.size();
    }

    int peerCount() {
        return peers.size();
    }

    Stream<PeerEntry> peersFreshestFirst() {
        return byFreshness.stream();
    }

    List<PeerId> peersSeenBefore(long nanos, int max) {
        List<PeerId> out = new ArrayList<>();
        Iterator<PeerEntry> oldestFirst = byFreshness.descendingIterator();
        while (out.size() < max && oldestFirst.hasNext()) {
            PeerEntry entry = oldestFirst.next();
            if (entry.lastSeenNanos() >= nanos) {
                break;
            }
            out.add(entry.peer());
        }
        return out;
    }

    synchronized void putHolding(HoldingEntry entry) {
        PeerSlot slot = peers.get(entry.peer());
        if (slot == null) {
            throw new IllegalStateException("peer " + entry.peer() + " is not listed; cannot add a holding");
        }
        HoldingEntry old = slot.holdings.put(entry.path(), entry);
        if (old != null) {
            byAge.remove(old);
        } else {
            holdingCount++;
        }
        holders.computeIfAbsent(entry.path(), path -> new ConcurrentHashMap<>()).put(entry.peer(), entry);
        byAge.add(entry);
    }

    synchronized boolean removeHolding(PeerId peer, String path) {
        PeerSlot slot = peers.get(peer);
        HoldingEntry old = slot == null ? null : slot.holdings.remove(path);
        if (old == null) {
            return false;
        }
        unindex(old);
        holdingCount--;
        return true;
    }

    /** Removes {@code entry} from the object and age indexes; caller holds the lock. */
    private void unindex(HoldingEntry entry) {
        byAge.remove(entry);
        ConcurrentHashMap<PeerId, HoldingEntry> objectHolders = holders.get(entry.path());
        if (objectHolders != null) {
            objectHolders.remove(entry.peer());
            if (objectHolders.isEmpty()) {
                holders.remove(entry.path());
            }
        }
    }

    Optional<HoldingEntry> holding(PeerId peer, String path) {
        PeerSlot slot = peers.get(peer);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.holdings.get(path));
    }

    int holdingCount(PeerId peer) {
        PeerSlot slot = peers.get(peer);
        return slot == null ? 0 : slot.holdings.size();
    }

    int holderCount(String path) {
        ConcurrentHashMap<PeerId, HoldingEntry> objectHolders = holders.get(path);
        return objectHolders == null ? 0 : objectHolders.size();
    }

    List<HoldingEntry> holdersOf(String path) {
        ConcurrentHashMap<PeerId, HoldingEntry> objectHolders = holders.get(path);
        return objectHolders == null ? List.of() : List.copyOf(objectHolders.values());
    }

    List<HoldingEntry> holdingsAnnouncedBefore(long nanos, int max) {
        return byAge.before(nanos, max);
    }

    int objectCount() {
        return holders.size();
    }

    long holdingCount() {
        return holdingCount;
    }
}
