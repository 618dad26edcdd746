package io.privastream.core.incentive;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a server with reserved transfers ({@code core.rate.TransferLimit}) tells a requester in good
 * standing from the rest: from the {@link StandingTicket} and {@link StandingProof} the request
 * carries, checked against the ledger keeper's pin it trusts. A requester is in good standing
 * when its ticket is the trusted issuer's, at most {@code maxAge} old, its proof is by the
 * ticket's key for this very path within {@code maxAge} of the server's clock, and the ticket
 * shows a contributor ({@link #contributor}): it has earned at least {@code minEarnedBytes}
 * serving others, or the ledger has known its key for less than {@code newcomerGrace} (a viewer
 * who just joined has had no chance to serve yet). Not the balance: a free-rider takes most of
 * its bytes from servers, which the ledger never charges, so its balance stays near its
 * allowance while a contributor's moves with what it gives and takes. Anything else (no
 * headers, malformed or forged ones, a stale ticket, another path's proof) is simply not in
 * good standing: the request is still served when the unreserved transfers allow.
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
    /** What a requester must have earned serving others to count as a contributor by default: 1 MB, a few segments. */
    public static final long DEFAULT_MIN_EARNED_BYTES = 1_000_000;
    /** How long a key new to the ledger counts as a contributor by default, before it could have served anyone. */
    public static final Duration DEFAULT_NEWCOMER_GRACE = Duration.ofSeconds(60);

    private final String issuerPin;
    private final long maxAgeMillis;
    private final long minEarnedBytes;
    private final long graceMillis;
    private final Receipt.Verifier verifier;
    private final Map<StandingTicket, Boolean> checked = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StandingTicket, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** {@link #ServerStanding(String, Duration, long, Duration, Receipt.Verifier)} with the default contributor rule. */
    public ServerStanding(String issuerPin, Duration maxAge, Receipt.Verifier verifier) {
        this(issuerPin, maxAge, DEFAULT_MIN_EARNED_BYTES, DEFAULT_NEWCOMER_GRACE, verifier);
    }

    /**
     * @param issuerPin      the pin of the tracker whose ledger's tickets count
     * @param maxAge         how old a ticket, and how far off a proof's time, may be
     * @param minEarnedBytes earned serving others to count as a contributor
     * @param newcomerGrace  how long a key new to the ledger counts as one anyway
     * @param verifier       Ed25519 verification
     * @throws IllegalArgumentException if {@code maxAge} is not positive or the others are negative
     */
    public ServerStanding(String issuerPin, Duration maxAge, long minEarnedBytes, Duration newcomerGrace, Receipt.Verifier verifier) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a standing ticket's maximum age must be positive, got " + maxAge);
        }
        if (minEarnedBytes < 0 || newcomerGrace.isNegative()) {
            throw new IllegalArgumentException("the contributor rule's earned bytes and newcomer grace must be >= 0");
        }
        this.issuerPin = issuerPin;
        this.maxAgeMillis = maxAge.toMillis();
        this.minEarnedBytes = minEarnedBytes;
        this.graceMillis = newcomerGrace.toMillis();
        this.verifier = verifier;
    }

    /**
     * The rule itself, for whoever knows the figures (the simulator computes them directly):
     * earned at least {@code minEarnedBytes}, or known for less than {@code graceMillis}.
     */
    public static boolean contributor(long earnedBytes, long knownForMillis, long minEarnedBytes, long graceMillis) {
        return earnedBytes >= minEarnedBytes || knownForMillis < graceMillis;
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
        long knownFor = ticket.knownForMillis() + Math.max(0, nowMillis - ticket.issuedAtMillis());
        if (!contributor(ticket.earnedBytes(), knownFor, minEarnedBytes, graceMillis) || Math.abs(nowMillis - ticket.issuedAtMillis()) > maxAgeMillis
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
