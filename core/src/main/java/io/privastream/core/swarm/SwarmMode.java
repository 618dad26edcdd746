package io.privastream.core.swarm;

/**
 * Whether a swarm shares a live channel or an on-demand title; fixed by the swarm's first join.
 */
public enum SwarmMode {
    /** A sliding window: holdings older than {@link SwarmPolicy#liveWindow()} are not handed out and are dropped. */
    LIVE,
    /** On demand: a holding lasts as long as its peer stays listed. */
    VOD;

    /** {@link #LIVE} when {@code live}, else {@link #VOD}. */
    public static SwarmMode of(boolean live) {
        return live ? LIVE : VOD;
    }

    /** True for {@link #LIVE}. */
    public boolean isLive() {
        return this == LIVE;
    }
}
