package io.privastream.tracker;

/**
 * The tracker does not list the peer (it never joined, left, or expired after going silent):
 * the agent should join again, then repeat its full announce.
 */
public final class UnknownPeerException extends TrackerException {
    private static final long serialVersionUID = 1L;

    public UnknownPeerException(String message, String serverError) {
        super(message, 404, serverError);
    }
}
