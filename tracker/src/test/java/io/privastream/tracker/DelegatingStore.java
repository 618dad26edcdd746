package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.swarm.HoldingEntry;
import io.privastream.core.swarm.PeerEntry;
import io.privastream.core.swarm.SwarmMode;
import io.privastream.core.swarm.SwarmStore;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@link SwarmStore} that forwards every call, for tests that break one of them. */
class DelegatingStore implements SwarmStore {
    private final SwarmStore delegate;

    DelegatingStore(SwarmStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<SwarmMode> mode(ContentId content) {
        return delegate.mode(content);
    }

    @Override
    public SwarmMode createSwarm(ContentId content, SwarmMode mode) {
        return delegate.createSwarm(content, mode);
    }

    @Override
    public void removeSwarm(ContentId content) {
        delegate.removeSwarm(content);
    }

    @Override
    public int swarmCount() {
        return delegate.swarmCount();
    }

    @Override
    public List<ContentId> swarms() {
        return delegate.swarms();
    }

    @Override
    public Optional<PeerEntry> peer(ContentId content, PeerId peer) {
        return delegate.peer(content, peer);
    }

    @Override
    public void putPeer(ContentId content, PeerEntry entry) {
        delegate.putPeer(content, entry);
    }

    @Override
    public boolean touchPeer(ContentId content, PeerId peer, long nowNanos) {
        return delegate.touchPeer(content, peer, nowNanos);
    }

    @Override
    public int removePeer(ContentId content, PeerId peer) {
        return delegate.removePeer(content, peer);
    }

    @Override
    public int peerCount(ContentId content) {
        return delegate.peerCount(content);
    }

    @Override
    public Stream<PeerEntry> peersFreshestFirst(ContentId content) {
        return delegate.peersFreshestFirst(content);
    }

    @Override
    public List<PeerId> peersSeenBefore(ContentId content, long nanos, int max) {
        return delegate.peersSeenBefore(content, nanos, max);
    }

    @Override
    public void putHolding(ContentId content, HoldingEntry entry) {
        delegate.putHolding(content, entry);
    }

    @Override
    public boolean removeHolding(ContentId content, PeerId peer, String path) {
        return delegate.removeHolding(content, peer, path);
    }

    @Override
    public Optional<HoldingEntry> holding(ContentId content, PeerId peer, String path) {
        return delegate.holding(content, peer, path);
    }

    @Override
    public int holdingCount(ContentId content, PeerId peer) {
        return delegate.holdingCount(content, peer);
    }

    @Override
    public int holderCount(ContentId content, String path) {
        return delegate.holderCount(content, path);
    }

    @Override
    public List<HoldingEntry> holdersOf(ContentId content, String path) {
        return delegate.holdersOf(content, path);
    }

    @Override
    public List<HoldingEntry> holdingsAnnouncedBefore(ContentId content, long nanos, int max) {
        return delegate.holdingsAnnouncedBefore(content, nanos, max);
    }

    @Override
    public int objectCount(ContentId content) {
        return delegate.objectCount(content);
    }

    @Override
    public long holdingCount(ContentId content) {
        return delegate.holdingCount(content);
    }
}
