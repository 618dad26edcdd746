package io.privastream.manifest;

/** What a track carries. */
public enum TrackKind {
    /** Video, possibly with audio muxed in (HLS variants without audio groups). */
    VIDEO,
    /** Audio only. */
    AUDIO,
    /** Subtitles or captions. */
    TEXT,
    /** Anything else (e.g. a DASH AdaptationSet of thumbnails or metadata). */
    OTHER
}
