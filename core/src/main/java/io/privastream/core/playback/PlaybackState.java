package io.privastream.core.playback;

/** Where a playback session is. */
public enum PlaybackState {
    /** The manifest was requested; not enough is buffered to start yet. */
    STARTING,
    /** Media plays, draining the buffer in real time. */
    PLAYING,
    /** The buffer ran dry before the end: rebuffering. */
    STALLED,
    /** Everything of a VoD presentation has played. */
    ENDED,
    /** The session was finished before the end (duration limit, stop, error). */
    STOPPED
}
