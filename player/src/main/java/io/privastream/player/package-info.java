/**
 * A headless DASH/HLS player that plays as a real one would (manifest, init segments, media
 * segments, ABR per video segment, a buffer draining in real time, live edge tracking) and
 * measures quality of experience. For demos, experiments and tests; real players use the
 * agent unchanged.
 *
 * <p>Entry point: {@link io.privastream.player.HeadlessPlayer}.
 */
package io.privastream.player;
