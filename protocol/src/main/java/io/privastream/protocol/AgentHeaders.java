package io.privastream.protocol;

/** Response headers an agent adds for its player, so QoE can say where bytes came from. */
public final class AgentHeaders {
    /** Bytes of this object that arrived from peers (decimal). */
    public static final String PEER_BYTES = "X-PrivaStream-Peer-Bytes";
    /** Bytes of this object that arrived from public servers (decimal). */
    public static final String SERVER_BYTES = "X-PrivaStream-Server-Bytes";

    /**
     * On a peer's answer: {@code 1} when the peer is still fetching the object and relays its
     * bytes as they arrive. Such a transfer's pace is its upstream's, not the peer's uplink, so
     * the receiver leaves it out of the peer's throughput estimate.
     */
    public static final String RELAYED = "X-PrivaStream-Relayed";

    /**
     * On an answer to the player: {@code 1} when the object was still arriving as the answer
     * began, so its bytes were passed on as they were verified and the peer/server split was not
     * known yet ({@link #PEER_BYTES} and {@link #SERVER_BYTES} are absent). A {@code HEAD} of the
     * same URL after the body ends answers from the cache with the split.
     */
    public static final String STREAMED = "X-PrivaStream-Streamed";

    /**
     * On a request to a peer or an origin: {@code background} asks to be served only from uplink
     * capacity the other answers leave idle (a scavenger class). Agents send it for decoy
     * downloads: to the origin always, to peers only in relayed access, where a serving peer
     * cannot tell who asks; absent means foreground. Servers that do not know it (a CDN) serve the request as any other.
     */
    public static final String PRIORITY = "X-PrivaStream-Priority";

    /**
     * An agent's standing at the token ledger, as the ledger signed it
     * ({@code core.incentive.StandingTicket#encode()}), sent with its requests to servers: a
     * server that reserves transfers for contributors ({@code --reserved-transfers}) ranks the
     * request by it. Useless without {@link #STANDING_PROOF}.
     */
    public static final String STANDING = "X-PrivaStream-Standing";
    /** The agent's signature over the request's path and time by the key of its {@link #STANDING} ticket ({@code core.incentive.StandingProof#encode()}). */
    public static final String STANDING_PROOF = "X-PrivaStream-Standing-Proof";

    /** {@link #PRIORITY}'s value for scavenger-class requests. */
    public static final String BACKGROUND = "background";

    /** Whether a request's {@link #PRIORITY} header value (null when absent) asks for background service. */
    public static boolean background(String priority) {
        return BACKGROUND.equals(priority);
    }

    private AgentHeaders() {
    }
}
