package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the freshest valid holders of one object without reading every peer.
 *
 * <p>Two plans give the same answer (valid holders ordered by {@link PeerEntry#FRESHEST_FIRST},
 * first {@code limit}): <em>scan</em> reads all {@code h} holders of the object and sorts them;
 * <em>walk</em> reads the swarm's peers freshest first and keeps those holding the object, which
 * for {@code n} peers costs about {@code (limit + 1) · n / h} reads when holders are spread
 * evenly. A popular object (a live segment everyone has) is walked, a rare one scanned; a walk
 * that reads {@code h} peers without finishing falls back to the scan, so a lookup never costs
 * more than about {@code 2h} reads, however the holders are placed.
 */
final class HolderSearch {
    private final SwarmStore store;
    private final ContentId content;
    private final String path;
    private final Optional<PeerId> asker;
    private final int limit;
    private final long nowNanos;
    private final long peerCutoffNanos;
    private final long holdingCutoffNanos;
    private final long claimCutoffNanos;

    /**
     * @param peerCutoffNanos    a holder last seen before this is not handed out
     * @param holdingCutoffNanos a holding announced before this is not handed out
     * @param claimCutoffNanos   a claim made before this is not handed out
     */
    HolderSearch(SwarmStore store, ContentId content, String path, Optional<PeerId> asker, int limit,
                 long nowNanos, long peerCutoffNanos, long holdingCutoffNanos, long claimCutoffNanos) {
        this.store = store;
        this.content = content;
        this.path = path;
        this.asker = asker;
        this.limit = limit;
        this.nowNanos = nowNanos;
        this.peerCutoffNanos = peerCutoffNanos;
        this.holdingCutoffNanos = holdingCutoffNanos;
        this.claimCutoffNanos = claimCutoffNanos;
    }

    List<HolderInfo> find() {
        int holders = store.holderCount(content, path);
        if (holders == 0) {
            return List.of();
        }
        long walkCost = (long) (limit + 1) * store.peerCount(content);
        if ((long) holders * holders > walkCost) {
            Optional<List<HolderInfo>> walked = walk(holders);
            if (walked.isPresent()) {
                return walked.get();
            }
        }
        return scan();
    }

    /** Reads peers freshest first; empty if {@code budget} peers were read without finishing. */
    Optional<List<HolderInfo>> walk(int budget) {
        List<HolderInfo> out = new ArrayList<>(limit);
        // A peer touched during the walk can be met twice in the weakly consistent order.
        Set<PeerId> seen = new HashSet<>();
        try (Stream<PeerEntry> peers = store.peersFreshestFirst(content)) {
            Iterator<PeerEntry> freshestFirst = peers.iterator();
            int read = 0;
            while (out.size() < limit && freshestFirst.hasNext()) {
                if (++read > budget) {
                    return Optional.empty();
                }
                PeerEntry peer = freshestFirst.next();
                if (peer.lastSeenNanos() < peerCutoffNanos) {
                    break; // every later peer is staler still
                }
                if (isAsker(peer.peer()) || !seen.add(peer.peer())) {
                    continue;
                }
                store.holding(content, peer.peer(), path)
                        .filter(this::isFresh)
                        .ifPresent(holding -> out.add(info(peer, holding)));
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /** Reads every holder of the object. */
    List<HolderInfo> scan() {
        record Candidate(PeerEntry peer, HoldingEntry holding) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (HoldingEntry holding : store.holdersOf(content, path)) {
            if (isAsker(holding.peer()) || !isFresh(holding)) {
                continue;
            }
            store.peer(content, holding.peer())
                    .filter(peer -> peer.lastSeenNanos() >= peerCutoffNanos)
                    .ifPresent(peer -> candidates.add(new Candidate(peer, holding)));
        }
        return candidates.stream()
                .sorted(Comparator.comparing(Candidate::peer, PeerEntry.FRESHEST_FIRST))
                .limit(limit)
                .map(candidate -> info(candidate.peer(), candidate.holding()))
                .toList();
    }

    private boolean isAsker(PeerId peer) {
        return asker.isPresent() && asker.get().equals(peer);
    }

    private boolean isFresh(HoldingEntry holding) {
        return holding.announcedNanos() >= (holding.pending() ? Math.max(holdingCutoffNanos, claimCutoffNanos) : holdingCutoffNanos);
    }

    private HolderInfo info(PeerEntry peer, HoldingEntry holding) {
        // A reading taken just before a concurrent touch can be older than the peer's time.
        Duration silence = Duration.ofNanos(Math.max(0, nowNanos - peer.lastSeenNanos()));
        return new HolderInfo(peer.peer(), peer.endpoint(), holding.sizeBytes(), silence, holding.pending());
    }
}
