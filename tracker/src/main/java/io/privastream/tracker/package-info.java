/**
 * The tracker: an HTTP server over {@link io.privastream.core.swarm.SwarmBook}
 * ({@link io.privastream.tracker.TrackerServer}, configured by
 * {@link io.privastream.tracker.TrackerConfig}) and the agents' client for it
 * ({@link io.privastream.tracker.TrackerClient}).
 *
 * <p>The API is the one listed in {@link io.privastream.protocol.tracker}, plus
 * {@code GET /healthz} ({@code ok}). In {@code holders}, {@code segment} is required,
 * {@code peer} (the asker, never returned) is optional, and {@code limit} defaults to
 * {@link io.privastream.core.swarm.SwarmPolicy#defaultHolders()} and is clamped to
 * {@link io.privastream.core.swarm.SwarmPolicy#maxHolders()}; {@code stats} of a swarm with no
 * peers answers 404. {@code leave} of an unlisted peer answers 404 like every peer request.
 * Status codes: 200/204 success; 400 malformed or invalid request;
 * 404 unknown path, or unknown peer or swarm (the agent joins again); 405 wrong method;
 * 413 body over the limit or too many holdings for one peer; 415 POST body not
 * {@code application/json}; 429 tracker or swarm full; 500 a bug of ours. Every error carries
 * an {@link io.privastream.protocol.ErrorResponse}.
 */
package io.privastream.tracker;
