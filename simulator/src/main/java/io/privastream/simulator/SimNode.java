package io.privastream.simulator;

/**
 * A host's place in the network: its access links, its office (or none) and its one-way latency.
 *
 * @param up           its uplink
 * @param down         its downlink ({@link FlowNetwork#UNLIMITED} for a server, which only sends)
 * @param office       index of its office in the scenario, -1 when it is not behind a gateway
 * @param latencyNanos one-way latency of its access link
 */
record SimNode(FlowNetwork.Link up, FlowNetwork.Link down, int office, long latencyNanos) {
}
