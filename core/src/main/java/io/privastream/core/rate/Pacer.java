package io.privastream.core.rate;

/**
 * Paces bytes through a link: before sending a chunk the caller waits {@link #holdNanos()} until
 * it is 0, then {@link #reserve(long) reserves} the chunk and waits the time returned.
 *
 * <p>{@link TokenBucket} is the plain pacer (never holds); {@link ScavengerUplink} adds a class of
 * traffic that holds while other traffic uses the link.
 */
public interface Pacer {
    /**
     * Most bytes a writer reserves and sends at once: 16 KiB. Answers are paced chunk by chunk,
     * and {@link ScavengerUplink} grants its keep-alive turns a chunk at a time.
     */
    int CHUNK_BYTES = 16 * 1024;

    /**
     * How long to wait before reserving the next chunk, nanoseconds; 0 to reserve now. A caller
     * asks again after waiting (the answer may change). Default: never holds.
     */
    default long holdNanos() {
        return 0;
    }

    /**
     * Takes {@code bytes} and returns how long to wait before using them, nanoseconds.
     *
     * @throws IllegalArgumentException if {@code bytes < 0}
     */
    long reserve(long bytes);
}
