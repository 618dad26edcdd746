package io.privastream.core.incentive;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a server with reserved transfers ({@code core.rate.TransferLimit}) tells a requester in good
 * standing from the rest: from the {@link StandingTicket} and {@link StandingProof} the request
 * carries, checked against the ledger keeper's pin it trusts. A requester is in good standing
 * when its ticket is the trusted issuer's, at most {@code maxAge} old, its proof is by the
 * ticket's key for this very path within {@code maxAge} of the server's clock, and its balance is
 * positive (it has served at least as much as it took from peers beyond its starting allowance).
 * Anything else — no headers, malformed or forged ones, a stale ticket, another path's proof —
 * is simply not in good standing: the request is still served when the unreserved transfers
 * allow.
 *
 * <p>Sans-IO: the caller passes the headers, the path and the time. Thread-safe. Issuer
 * signatures already checked are remembered (the last {@value #REMEMBERED} tickets), so a
 * request costs one Ed25519 verification, not two.
 */
public final class ServerStanding {
    /** Tickets whose issuer signature was checked, remembered. */
    public static final int REMEMBERED = 4_096;
    /** How old a ticket, and how far from the server's clock a proof, may be by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);

    private final String issuerPin;
    private final long maxAgeMillis;
    private final Receipt.Verifier verifier;
    private final Map<StandingTicket, Boolean> checked = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StandingTicket, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * @param issuerPin the pin of the tracker whose ledger's tickets count
     * @param maxAge    how old a ticket, and how far off a proof's time, may be
     * @param verifier  Ed25519 verification
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public ServerStanding(String issuerPin, Duration maxAge, Receipt.Verifier verifier) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a standing ticket's maximum age must be positive, got " + maxAge);
        }
        this.issuerPin = issuerPin;
        this.maxAgeMillis = maxAge.toMillis();
        this.verifier = verifier;
    }

    /**
     * Whether the request for {@code path} carrying these headers (null when absent) comes from a
     * requester in good standing at {@code nowMillis}.
     */
    public boolean good(String ticketHeader, String proofHeader, String path, long nowMillis) {
        if (ticketHeader == null || proofHeader == null) {
            return false;
        }
        StandingTicket ticket;
        StandingProof proof;
        try {
            ticket = StandingTicket.parse(ticketHeader);
            proof = StandingProof.parse(proofHeader);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ticket.balanceBytes() <= 0 || Math.abs(nowMillis - ticket.issuedAtMillis()) > maxAgeMillis
                || Math.abs(nowMillis - proof.timeMillis()) > maxAgeMillis) {
            return false;
        }
        return issued(ticket) && proof.verify(ticket, path, verifier);
    }

    private boolean issued(StandingTicket ticket) {
        synchronized (checked) {
            Boolean known = checked.get(ticket);
            if (known != null) {
                return known;
            }
        }
        boolean ok = ticket.issuerPin().equals(issuerPin) && ticket.verify(verifier);
        synchronized (checked) {
            checked.put(ticket, ok);
        }
        return ok;
    }
}
