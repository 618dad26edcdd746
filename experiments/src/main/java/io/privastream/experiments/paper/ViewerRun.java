package io.privastream.experiments.paper;

import io.privastream.player.PlayerReport;

/**
 * What one viewer did in one run.
 *
 * @param name        the viewer's name ({@code v1}, {@code v2}... in join order)
 * @param index       its position in the scenario's join list, from 0
 * @param joinSeconds when it joined, in session time (measured, not the scheduled time)
 * @param report      its player's report; the QoE timeline is relative to its join
 * @param peerBytes   media bytes its agent received from peers, per session interval
 * @param serverBytes media bytes its agent received from servers, per session interval
 */
public record ViewerRun(String name, int index, double joinSeconds, PlayerReport report, long[] peerBytes, long[] serverBytes) {
    public ViewerRun {
        peerBytes = peerBytes.clone();
        serverBytes = serverBytes.clone();
    }
}
