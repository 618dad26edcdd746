package io.privastream.player;

/** Thrown through the play loop when the session must end now: stopped, or its time limit reached. */
final class SessionOver extends Exception {
    private static final long serialVersionUID = 1L;
    private final PlayerReport.End end;

    SessionOver(PlayerReport.End end) {
        super(end.toString(), null, false, false);
        this.end = end;
    }

    PlayerReport.End end() {
        return end;
    }
}
