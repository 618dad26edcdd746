package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.protocol.SwarmNames;
import java.util.List;

/**
 * What the agent needs from a swarm: who holds an object, and telling others what it holds.
 *
 * <p>Implementations never throw on a tracker failure: lookups then return no holders (the
 * object comes from servers) and announcements are retried. Thread-safe.
 */
interface SwarmDirectory extends AutoCloseable {

    /**
     * A peer holding an object.
     *
     * @param source    how to reach it
     * @param sizeBytes the size it announced (0 while pending)
     * @param pending   true when it is still fetching the object and relays it as it arrives
     */
    record Holder(Source source, long sizeBytes, boolean pending) {
        Holder(Source source, long sizeBytes) {
            this(source, sizeBytes, false);
        }
    }

    /**
     * Joins {@code content}'s swarm if not already in it, naming it and its objects at the
     * tracker by {@code names} (keyed hashes); returns at once.
     */
    void join(ContentId content, boolean live, SwarmNames names);

    /**
     * Up to {@code limit} peers holding {@code key}, freshest first; empty on any failure. When
     * nobody holds it, this agent may become its pending holder (it is about to fetch it), so
     * that agents asking next fetch from it; it then announces or drops the object.
     */
    List<Holder> holders(SegmentKey key, int limit);

    /** Queues the announcement that this agent now holds {@code key}. */
    void have(SegmentKey key, long sizeBytes);

    /** Queues the announcement that this agent no longer holds {@code key}. */
    void dropped(SegmentKey key);

    /**
     * Presents receipts other agents gave this one at the tracker's ledger.
     *
     * @return true if the ledger acknowledged them (false: keep them and try again later)
     */
    boolean redeem(List<io.privastream.core.incentive.Receipt> receipts);

    /** The standing of identity {@code pin} at the ledger; empty when it cannot be learned now. */
    java.util.Optional<io.privastream.core.incentive.Standing> standing(String pin);

    /**
     * This agent's own standing as the ledger signs it, for the key the agent proved to the
     * tracker: what it shows servers. Empty when it cannot be had now, and always without a
     * tracker reached over an encrypted link (no key proved, no ticket).
     */
    default java.util.Optional<io.privastream.core.incentive.StandingTicket> ticket() {
        return java.util.Optional.empty();
    }

    /** Leaves every swarm (best effort) and stops background work. */
    @Override
    void close();

    /** A directory with no swarm: every object comes from servers. */
    static SwarmDirectory none() {
        return new SwarmDirectory() {
            @Override
            public void join(ContentId content, boolean live, SwarmNames names) {
            }

            @Override
            public List<Holder> holders(SegmentKey key, int limit) {
                return List.of();
            }

            @Override
            public void have(SegmentKey key, long sizeBytes) {
            }

            @Override
            public void dropped(SegmentKey key) {
            }

            @Override
            public boolean redeem(List<io.privastream.core.incentive.Receipt> receipts) {
                return true; // no ledger: nothing to earn, nothing to keep
            }

            @Override
            public java.util.Optional<io.privastream.core.incentive.Standing> standing(String pin) {
                return java.util.Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
