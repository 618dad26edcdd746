/**
 * Messages of the tracker's HTTP API (version 1), as JSON bodies.
 *
 * <pre>
 * POST /v1/swarms/{contentId}/join       JoinRequest      -> 200 JoinResponse
 * POST /v1/swarms/{contentId}/announce   AnnounceRequest  -> 204 (also a heartbeat)
 * POST /v1/swarms/{contentId}/heartbeat  PeerRequest      -> 204
 * POST /v1/swarms/{contentId}/leave      PeerRequest      -> 204
 * GET  /v1/swarms/{contentId}/holders?segment=PATH&amp;peer=ASKER&amp;limit=N -> 200 HoldersResponse
 * POST /v1/swarms/{contentId}/lookup     LookupRequest    -> 200 LookupResponse (may claim the object)
 * GET  /v1/swarms/{contentId}/stats      -> 200 SwarmStats
 * any error                               -> 4xx/5xx ErrorResponse
 * </pre>
 *
 * A request for a peer the tracker does not know (never joined, left, or expired after going
 * silent) answers 404 with an {@link io.privastream.protocol.ErrorResponse}; the agent
 * then joins again.
 */
package io.privastream.protocol.tracker;
