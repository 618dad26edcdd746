/**
 * Swarm bookkeeping of the tracker, sans-IO: which peers are in which content's swarm, which
 * objects each holds, and who to hand out when an agent asks for holders of an object.
 *
 * <p>{@link io.privastream.core.swarm.SwarmBook} makes the decisions (modes, freshness, expiry,
 * ordering, abuse bounds from {@link io.privastream.core.swarm.SwarmPolicy});
 * {@link io.privastream.core.swarm.SwarmStore} only stores, so that a shared backend (Redis
 * sorted sets and hashes) can replace {@link io.privastream.core.swarm.InMemorySwarmStore}.
 * Time comes from an injected {@link io.privastream.core.time.Ticker}; nothing here starts a
 * thread or touches a socket.
 */
package io.privastream.core.swarm;
