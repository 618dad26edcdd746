package io.privastream.protocol;

/** Response headers an agent adds for its player, so QoE can say where bytes came from. */
public final class AgentHeaders {
    /** Bytes of this object that arrived from peers (decimal). */
    public static final String PEER_BYTES = "X-PrivaStream-Peer-Bytes";
    /** Bytes of this object that arrived from public servers (decimal). */
    public static final String SERVER_BYTES = "X-PrivaStream-Server-Bytes";

    private AgentHeaders() {
    }
}
