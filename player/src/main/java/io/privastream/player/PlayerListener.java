package io.privastream.player;

/**
 * Hears of a session's progress. Called on the playing thread, so it must return quickly; an
 * exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface PlayerListener {
    /** A listener that does nothing. */
    PlayerListener NONE = progress -> { };

    /** Every {@link PlayerConfig#progressInterval()}, and once at the end. */
    void onProgress(PlayerProgress progress);
}
