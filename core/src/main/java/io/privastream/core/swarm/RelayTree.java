package io.privastream.core.swarm;

import io.privastream.core.media.PeerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Who a claiming lookup of one object is handed, so that the object spreads through the swarm
 * as a shallow, wide tree rather than a chain.
 *
 * <p>Why: at the live edge every viewer asks for a new segment within moments of each other.
 * Handing each the holders heard from last makes the {@code i}-th asker relay from the few just
 * before it, a chain hundreds of hops deep in a large swarm, whose end waits on every hop.
 * Instead each holder has a depth (0 once it holds the whole object, else one more than the
 * deepest parent it was handed) and a count of lookups it was handed to; a lookup gets the
 * shallowest holders that were handed out fewer than {@code fanOut} times, in turn within a
 * depth. With {@code parents} per lookup, each level is about {@code fanOut / parents} times
 * wider than the one above: depth grows as the logarithm of the swarm. Each holder's fan-out
 * comes from a function, so that it can follow the holder's uplink.
 *
 * <p>Not thread-safe: the {@link SwarmBook} calls it under the swarm's lock.
 */
final class RelayTree {
    private final int parents;
    private final java.util.function.ToIntFunction<PeerId> fanOut;
    private final long bornNanos;
    private final Map<PeerId, Node> nodes = new HashMap<>();
    /** Holders that may be handed out again, by depth, in turn within a depth. */
    private final TreeMap<Integer, ArrayDeque<Node>> open = new TreeMap<>();
    /**
     * Holders of the whole object handed out their fan-out already: when every open holder is
     * used up they are handed out again, in turn, so that the overflow spreads evenly over them
     * instead of piling onto the few heard from last.
     */
    private final ArrayDeque<Node> saturated = new ArrayDeque<>();

    private static final class Node {
        final PeerId peer;
        int depth;
        int handouts;
        /** Replaced by a node at another depth; dropped when met in the queue. */
        boolean stale;

        Node(PeerId peer, int depth) {
            this.peer = peer;
            this.depth = depth;
        }
    }

    /** @param fanOut most lookups each holder is handed to, at least 1 */
    RelayTree(int parents, java.util.function.ToIntFunction<PeerId> fanOut, long bornNanos) {
        this.parents = parents;
        this.fanOut = fanOut;
        this.bornNanos = bornNanos;
    }

    long bornNanos() {
        return bornNanos;
    }

    /**
     * Up to {@code parents} holders for {@code asker}, shallowest first; each is counted as
     * handed out. Holders {@code usable} rejects (gone, dropped, expired claims) leave the tree.
     */
    List<PeerId> handOut(PeerId asker, Predicate<PeerId> usable) {
        List<PeerId> out = new ArrayList<>(parents);
        for (var it = open.entrySet().iterator(); it.hasNext() && out.size() < parents; ) {
            ArrayDeque<Node> level = it.next().getValue();
            // Each node is looked at once per lookup: those handed out go to the back.
            for (int n = level.size(); n > 0 && out.size() < parents; n--) {
                Node node = next(level, asker, usable, out);
                if (node == null) {
                    continue;
                }
                if (node.handouts < fanOut.applyAsInt(node.peer)) {
                    level.addLast(node);
                } else if (node.depth == 0) {
                    saturated.addLast(node);
                }
            }
            if (level.isEmpty()) {
                it.remove();
            }
        }
        for (int n = saturated.size(); n > 0 && out.size() < parents; n--) {
            Node node = next(saturated, asker, usable, out);
            if (node != null) {
                saturated.addLast(node);
            }
        }
        return out;
    }

    /**
     * Takes the first node of {@code queue} and hands it out, or returns null: a stale node is
     * dropped, the asker (or one already in {@code out}) goes to the back, a node
     * {@code usable} rejects leaves the tree. The caller puts a handed-out node back if it may
     * be handed out again.
     */
    private Node next(ArrayDeque<Node> queue, PeerId asker, Predicate<PeerId> usable, List<PeerId> out) {
        Node node = queue.pollFirst();
        if (node.stale) {
            return null;
        }
        if (node.peer.equals(asker) || out.contains(node.peer)) {
            queue.addLast(node);
            return null;
        }
        if (!usable.test(node.peer)) {
            nodes.remove(node.peer, node);
            return null;
        }
        out.add(node.peer);
        node.handouts++;
        return node;
    }

    /** Depth a claimer handed {@code handed} gets: one below the deepest (1 when fed by servers only). */
    int depthUnder(List<PeerId> handed) {
        int deepest = 0;
        for (PeerId p : handed) {
            Node n = nodes.get(p);
            if (n != null) {
                deepest = Math.max(deepest, n.depth);
            }
        }
        return deepest + 1;
    }

    /** {@code peer} claimed the object at {@code depth}. */
    void claimed(PeerId peer, int depth) {
        place(peer, depth);
    }

    /** {@code peer} holds the whole object: it relays from no one now. */
    void completed(PeerId peer) {
        place(peer, 0);
    }

    private void place(PeerId peer, int depth) {
        Node old = nodes.get(peer);
        if (old != null && old.depth == depth) {
            return;
        }
        Node n = new Node(peer, depth);
        if (old != null) {
            // Moving it within the queues would cost a scan; the old entry is skipped when met.
            old.stale = true;
            n.handouts = old.handouts;
        }
        nodes.put(peer, n);
        if (n.handouts < fanOut.applyAsInt(peer)) {
            open.computeIfAbsent(depth, d -> new ArrayDeque<>()).addLast(n);
        } else if (depth == 0) {
            saturated.addLast(n);
        }
    }

    /** Holders the tree knows. */
    int size() {
        return nodes.size();
    }
}
