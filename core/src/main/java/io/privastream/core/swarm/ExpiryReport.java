package io.privastream.core.swarm;

/**
 * What one {@link SwarmBook#expire()} sweep removed.
 *
 * @param peers    peers dropped for going silent longer than the peer timeout
 * @param holdings holdings dropped, with their peers or for leaving a live window
 * @param swarms   swarms dropped because they were left without peers
 */
public record ExpiryReport(int peers, long holdings, int swarms) {
    /** A sweep that removed nothing. */
    public static final ExpiryReport NOTHING = new ExpiryReport(0, 0, 0);

    /** @throws IllegalArgumentException on a negative count */
    public ExpiryReport {
        if (peers < 0 || holdings < 0 || swarms < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + peers + "/" + holdings + "/" + swarms);
        }
    }

    /** True if nothing was removed. */
    public boolean isEmpty() {
        return peers == 0 && holdings == 0 && swarms == 0;
    }
}
