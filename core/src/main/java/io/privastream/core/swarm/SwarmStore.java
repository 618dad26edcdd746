package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Storage of swarms, peers and holdings, without decisions: {@link SwarmBook} decides what to
 * store, when to drop it and what to hand out; a store only keeps it and its indexes.
 *
 * <p>The operations are shaped so that a shared backend can implement them with the usual
 * Redis structures (suggested layout per swarm {@code c}): a hash {@code swarm:c} (mode),
 * a sorted set {@code swarm:c:seen} (peer by last-seen time) with a hash {@code swarm:c:peers}
 * (endpoint), a hash per peer {@code swarm:c:peer:p} (path → size and announce time), a
 * hash per object {@code swarm:c:obj:path} (peer → size and announce time), and a sorted set
 * {@code swarm:c:age} (peer+path by announce time). Every query that could grow with the swarm
 * is either bounded ({@code max}) or lazy.
 *
 * <p>Contract for implementations: each method is atomic on its own and safe to call from
 * any thread. Compound decisions (check a count, then add) are serialized per swarm by the
 * {@link SwarmBook}, not by the store. Methods that read may observe another thread's change
 * half-done (say, a peer whose holdings are partly removed) but never a broken index.
 * {@link #putPeer} and {@link #putHolding} on a swarm that does not exist throw
 * {@link IllegalStateException}; every other call on one answers empty, zero or false.
 */
public interface SwarmStore {

    /** The mode of the swarm of {@code content}, or empty if there is no such swarm. */
    Optional<SwarmMode> mode(ContentId content);

    /**
     * Creates the swarm of {@code content} with {@code mode} unless it exists.
     *
     * @return the mode in force: {@code mode} if the swarm was created, else the existing one
     */
    SwarmMode createSwarm(ContentId content, SwarmMode mode);

    /** Removes the swarm of {@code content} with all its peers and holdings; no-op if absent. */
    void removeSwarm(ContentId content);

    /** Number of swarms. */
    int swarmCount();

    /** A snapshot of the swarms' content ids, in no particular order. */
    List<ContentId> swarms();

    /** The entry of {@code peer} in the swarm of {@code content}, if listed. */
    Optional<PeerEntry> peer(ContentId content, PeerId peer);

    /**
     * Adds a peer, or replaces a listed peer's endpoint and last-seen time; its holdings stay.
     *
     * @throws IllegalStateException if the swarm does not exist
     */
    void putPeer(ContentId content, PeerEntry entry);

    /**
     * Sets a listed peer's last-seen time to {@code nowNanos}.
     *
     * @return false if the peer is not listed (nothing changes)
     */
    boolean touchPeer(ContentId content, PeerId peer, long nowNanos);

    /**
     * Removes a peer and all its holdings.
     *
     * @return the number of holdings removed with it, or {@code -1} if the peer was not listed
     */
    int removePeer(ContentId content, PeerId peer);

    /** Number of peers listed in the swarm of {@code content}. */
    int peerCount(ContentId content);

    /**
     * The swarm's peers, most recently seen first, ties by ascending peer id; lazy, so a caller
     * that stops early pays only for what it read. Weakly consistent: a peer touched while the
     * stream is read may be missed or met twice.
     */
    Stream<PeerEntry> peersFreshestFirst(ContentId content);

    /** Up to {@code max} peers last seen strictly before {@code nanos}, least recently seen first. */
    List<PeerId> peersSeenBefore(ContentId content, long nanos, int max);

    /**
     * Adds a holding, or replaces the size and announce time of an existing one.
     *
     * @throws IllegalStateException if the swarm does not exist or the peer is not listed in it
     */
    void putHolding(ContentId content, HoldingEntry entry);

    /** Removes one holding; returns false if it was not there. */
    boolean removeHolding(ContentId content, PeerId peer, String path);

    /** The holding of {@code path} by {@code peer}, if any. */
    Optional<HoldingEntry> holding(ContentId content, PeerId peer, String path);

    /** Number of objects {@code peer} holds; 0 if not listed. */
    int holdingCount(ContentId content, PeerId peer);

    /** Number of peers holding {@code path}. */
    int holderCount(ContentId content, String path);

    /** A snapshot of the holdings of {@code path}, in no particular order. */
    List<HoldingEntry> holdersOf(ContentId content, String path);

    /** Up to {@code max} holdings announced strictly before {@code nanos}, oldest first. */
    List<HoldingEntry> holdingsAnnouncedBefore(ContentId content, long nanos, int max);

    /** Number of distinct objects held by at least one peer of the swarm. */
    int objectCount(ContentId content);

    /** Number of (peer, object) holdings in the swarm. */
    long holdingCount(ContentId content);
}
