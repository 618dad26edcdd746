package io.privastream.core.playback;

/** The tracks whose buffers the model keeps. */
public enum MediaKind {
    /** Video (or muxed audio and video). */
    VIDEO,
    /** Separate audio. */
    AUDIO
}
