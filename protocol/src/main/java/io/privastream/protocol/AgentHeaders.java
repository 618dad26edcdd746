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

    private AgentHeaders() {
    }
}
