package io.privastream.agent;

import io.privastream.core.incentive.IncentivePolicy;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingProof;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pin;
import io.privastream.protocol.AgentHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What this agent's standing buys, and what others' standing buys from it, under an
 * {@link IncentivePolicy}: k (sources at once) from its own standing, refreshed from the ledger;
 * the rank of each requester, from its standing as the ledger reports it (never as it declares
 * it), cached for {@value #CACHE_SECONDS} s and refreshed in the background; and, when the
 * agent proved its key to the tracker, the ledger's signed ticket of its standing, which it shows
 * servers with a proof per request ({@link #standingHeaders(String)}).
 *
 * <p>Thread-safe.
 */
final class Incentives {
    static final int CACHE_SECONDS = 10;

    private final IncentivePolicy policy;
    private final boolean uploads;
    private final int maxSources;
    private final String me;
    private final SwarmDirectory directory;
    private final LongSupplier nanos;
    private final long allowanceBytes;
    private volatile Standing mine;
    /** Signs proofs and asks for tickets; empty: this agent shows servers nothing. */
    private final Optional<NodeIdentity> prover;
    private final LongSupplier millis;
    /** The last ticket the ledger issued this agent; null until one came. */
    private volatile StandingTicket ticket;
    private final Map<String, Cached> others = new ConcurrentHashMap<>();

    private record Cached(Standing standing, long fetchedNanos) {
    }

    /** Incentives that show servers no ticket; see the full constructor. */
    Incentives(IncentivePolicy policy, boolean uploads, int maxSources, String me, SwarmDirectory directory, LongSupplier nanos,
            long allowanceBytes) {
        this(policy, uploads, maxSources, me, directory, nanos, allowanceBytes, Optional.empty(), System::currentTimeMillis);
    }

    /**
     * @param me             this agent's key pin ({@code sha256:...})
     * @param nanos          monotonic clock for the cache of others' standings
     * @param allowanceBytes a fresh identity's balance at the ledger
     * @param prover         this agent's identity (its pin is {@code me}) when it reaches the tracker
     *                       over an encrypted link: tickets are then asked for and shown with proofs
     *                       it signs; empty: none (a tracker on plain HTTP issues none)
     * @param millis         wall clock, epoch milliseconds, for the proofs' times (servers compare
     *                       them with theirs, within {@code ServerStanding.DEFAULT_MAX_AGE})
     * @throws IllegalArgumentException if {@code prover}'s pin is not {@code me}
     */
    Incentives(IncentivePolicy policy, boolean uploads, int maxSources, String me, SwarmDirectory directory, LongSupplier nanos,
            long allowanceBytes, Optional<NodeIdentity> prover, LongSupplier millis) {
        if (prover.isPresent() && !prover.get().pin().toString().equals(me)) {
            throw new IllegalArgumentException("the prover's key " + prover.get().pin() + " is not this agent's " + me);
        }
        this.prover = prover;
        this.millis = millis;
        this.policy = policy;
        this.uploads = uploads;
        this.maxSources = maxSources;
        this.me = me;
        this.directory = directory;
        this.nanos = nanos;
        this.allowanceBytes = allowanceBytes;
        this.mine = new Standing(me, allowanceBytes, 0, 0);
    }

    /** The policy in force. */
    IncentivePolicy policy() {
        return policy;
    }

    /**
     * Asks the ledger for this agent's standing again, and for a fresh ticket when it can have
     * one; called periodically (every 5 s: well within the 30 s a server accepts a ticket for).
     * On a failure the last ticket is kept: a server judges its age itself.
     */
    void refresh() {
        directory.standing(me).ifPresent(s -> mine = s);
        if (prover.isPresent()) {
            directory.ticket().filter(t -> t.pin().equals(me)).ifPresent(t -> ticket = t);
        }
    }

    /** The ledger's last ticket for this agent, if any came. */
    Optional<StandingTicket> ticket() {
        return Optional.ofNullable(ticket);
    }

    /**
     * The headers showing this agent's standing on a request to a server for {@code path}:
     * {@link AgentHeaders#STANDING} (the ticket) and {@link AgentHeaders#STANDING_PROOF} (signed now
     * by this agent's key over {@code path}); an empty map while no ticket is held.
     *
     * @param path the request's path exactly as the server reads it (raw, percent-encoded, no query)
     * @throws IllegalStateException if the JDK cannot sign with Ed25519
     */
    Map<String, String> standingHeaders(String path) {
        StandingTicket held = ticket;
        if (held == null || prover.isEmpty()) {
            return Map.of();
        }
        NodeIdentity identity = prover.get();
        StandingProof proof = StandingProof.sign(held, path, millis.getAsLong(), identity.privateKey(), identity.certificate().getPublicKey());
        return Map.of(AgentHeaders.STANDING, held.encode(), AgentHeaders.STANDING_PROOF, proof.encode());
    }

    /** This agent's standing as last learned. */
    Standing standing() {
        return mine;
    }

    /** Sources this agent may use at once now. */
    int sources() {
        return policy.sources(mine, uploads, maxSources);
    }

    /** Most peers one download may use: one for a free-rider (servers plus at most one peer), else {@code maxPeers}. */
    int peerLimit(int maxPeers) {
        return !uploads && !policy.name().equals("none") ? Math.min(1, maxPeers) : maxPeers;
    }

    /**
     * The rank of a requester: its standing at the ledger by the key its link proved; unknown
     * requesters (plain links) rank as a fresh identity.
     */
    long priority(Optional<Pin> requester) {
        if (requester.isEmpty() || policy.name().equals("none")) {
            return policy.priority(new Standing("", allowanceBytes, 0, 0));
        }
        String pin = requester.get().toString();
        Cached c = others.get(pin);
        long now = nanos.getAsLong();
        Standing known = c == null ? new Standing(pin, allowanceBytes, 0, 0) : c.standing();
        if (c == null || now - c.fetchedNanos() > Duration.ofSeconds(CACHE_SECONDS).toNanos()) {
            // Answer from what is known now; learn the rest in the background for the next request.
            if (others.size() > 10_000) {
                others.clear();
            }
            others.put(pin, new Cached(known, now));
            Thread.ofVirtual().name("standing").start(() -> directory.standing(pin).ifPresent(s -> others.put(pin, new Cached(s, nanos.getAsLong()))));
        }
        return policy.priority(known);
    }
}
