package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import java.util.List;

/**
 * A rough throughput figure for {@link SwarmBook} on an {@link InMemorySwarmStore}; not a test
 * and not a rigorous benchmark (no JMH, one thread), just a sanity check of the index design.
 *
 * <p>The scenario: one live swarm of {@code peers} peers; a new 2-second segment every round;
 * in each round every peer announces the new segment and drops the one that left the 30 s
 * window, then looks up 8 holders of the new segment (so lookups meet 0 to {@code peers}
 * holders); one sweep per round. Simulated time advances evenly through the round; the figure
 * is wall time. Call {@link #run(int, int)} from a scratch launcher or jshell.
 */
final class SwarmBookBenchmark {
    private static final ContentId CHANNEL = ContentId.of("benchchannel");
    private static final Duration SEGMENT = Duration.ofSeconds(2);
    private static final int WINDOW_SEGMENTS = 15;

    /**
     * What one run measured.
     *
     * @param seconds wall time of the measured rounds
     */
    record Result(int peers, long announces, long lookups, long holdersReturned, double seconds) {
        double operationsPerSecond() {
            return (announces + lookups) / seconds;
        }

        @Override
        public String toString() {
            return String.format("%d peers: %d announces + %d lookups in %.2f s = %.0f ops/s (%.1f holders per lookup)",
                    peers, announces, lookups, seconds, operationsPerSecond(), (double) holdersReturned / lookups);
        }
    }

    private SwarmBookBenchmark() {
    }

    /** Runs {@code rounds} measured rounds after a full window of unmeasured ones. */
    static Result run(int peers, int rounds) {
        ManualTicker clock = new ManualTicker();
        SwarmBook book = SwarmBook.inMemory(SwarmPolicy.defaults(), clock);
        PeerId[] ids = new PeerId[peers];
        for (int p = 0; p < peers; p++) {
            ids[p] = PeerId.of(String.format("peer-%08d", p));
            book.join(CHANNEL, ids[p], "http://10.0." + (p / 250) + "." + (p % 250) + ":8801", SwarmMode.LIVE);
        }
        long[] counts = new long[3];
        for (int segment = 0; segment < WINDOW_SEGMENTS; segment++) { // fill the window, warm the JIT
            round(book, clock, ids, segment, counts);
        }
        counts[0] = counts[1] = counts[2] = 0;
        long start = System.nanoTime();
        for (int segment = WINDOW_SEGMENTS; segment < WINDOW_SEGMENTS + rounds; segment++) {
            round(book, clock, ids, segment, counts);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(peers, counts[0], counts[1], counts[2], seconds);
    }

    private static void round(SwarmBook book, ManualTicker clock, PeerId[] ids, int segment, long[] counts) {
        Duration step = SEGMENT.dividedBy(ids.length);
        String fresh = "chunk-v0-" + segment + ".m4s";
        List<String> drop = segment >= WINDOW_SEGMENTS ? List.of("chunk-v0-" + (segment - WINDOW_SEGMENTS) + ".m4s") : List.of();
        List<HeldObject> have = List.of(new HeldObject(fresh, 500_000));
        for (PeerId peer : ids) {
            clock.advance(step);
            book.announce(CHANNEL, peer, have, drop);
            counts[0]++;
            counts[2] += book.holders(CHANNEL, fresh, peer, 8).size();
            counts[1]++;
        }
        book.expire();
    }
}
