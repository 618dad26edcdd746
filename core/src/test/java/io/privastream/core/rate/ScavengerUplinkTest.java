package io.privastream.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScavengerUplinkTest {
    private static final long CHUNK = Pacer.CHUNK_BYTES;
    /** 2 Mbit/s: 250,000 bytes/s. */
    private static final Bandwidth UPLINK = Bandwidth.bitsPerSecond(2_000_000);

    /** A sender of CHUNK-sized chunks through a pacer, as the agent's answers write them. */
    private static final class Sender {
        final Pacer pacer;
        final long stopNanos;
        long readyNanos;
        long sent;

        Sender(Pacer pacer, long stopNanos) {
            this.pacer = pacer;
            this.stopNanos = stopNanos;
        }

        /** One step at the ticker's now: hold, or reserve and send a chunk. */
        void step(long now) {
            long hold = pacer.holdNanos();
            if (hold > 0) {
                readyNanos = now + hold;
                return;
            }
            readyNanos = now + pacer.reserve(CHUNK);
            sent += CHUNK;
        }
    }

    /** Runs the senders to {@code endNanos}, always stepping the one ready first. */
    private static void run(ManualTicker ticker, long endNanos, Sender... senders) {
        while (true) {
            Sender next = null;
            for (Sender s : senders) {
                if (s.readyNanos < s.stopNanos && s.readyNanos < endNanos && (next == null || s.readyNanos < next.readyNanos)) {
                    next = s;
                }
            }
            if (next == null) {
                return;
            }
            ticker.set(Math.max(ticker.nanos(), next.readyNanos));
            next.step(ticker.nanos());
        }
    }

    @Test
    void backgroundTricklesWhileForegroundSendsThenTakesTheWholeLink() {
        ManualTicker ticker = new ManualTicker();
        ScavengerUplink uplink = uplink(ticker);
        long second = 1_000_000_000L;
        Sender foreground = new Sender(uplink.foreground(), 2 * second);
        Sender background = new Sender(uplink.background(), Long.MAX_VALUE);

        run(ticker, 2 * second, foreground, background);
        // While the foreground is busy, 2 % of the link (5 kB/s) in whole chunks: the first at once, no second yet.
        assertThat(background.sent).isEqualTo(CHUNK);
        assertThat(foreground.sent).isGreaterThanOrEqualTo(2 * 250_000 - 2 * CHUNK);

        long before = background.sent;
        run(ticker, 4 * second, foreground, background);
        // Alone on the link, the background gets all of it (within a chunk and the bucket's burst).
        assertThat(background.sent - before).isBetween(2 * 250_000 - 3 * CHUNK, 2 * 250_000 + 3 * CHUNK);
    }

    @Test
    void manyBackgroundAnswersShareOneSmallKeepAliveBudget() {
        ManualTicker ticker = new ManualTicker();
        ScavengerUplink uplink = uplink(ticker);
        long tenSeconds = 10_000_000_000L;
        Sender foreground = new Sender(uplink.foreground(), tenSeconds);
        Sender[] senders = new Sender[11];
        senders[0] = foreground;
        for (int i = 1; i < senders.length; i++) {
            senders[i] = new Sender(uplink.background(), Long.MAX_VALUE);
        }
        run(ticker, tenSeconds, senders);
        long background = 0;
        long starved = 0;
        for (int i = 1; i < senders.length; i++) {
            background += senders[i].sent;
            starved += senders[i].sent == 0 ? 1 : 0;
        }
        // Ten held answers together: 2 % of 250 kB/s over 10 s (50 kB) plus the first chunk, not ten times that.
        assertThat(background).isBetween(3 * CHUNK, 4 * CHUNK);
        assertThat(foreground.sent).isGreaterThanOrEqualTo(10 * 250_000 - 4 * CHUNK);
        assertThat(starved).isGreaterThan(0); // turns go first come first served, not to everyone
    }

    @Test
    void aBackgroundAnswerAloneIsPacedByTheBucketOnly() {
        ManualTicker ticker = new ManualTicker();
        Sender background = new Sender(uplink(ticker).background(), Long.MAX_VALUE);
        run(ticker, 1_000_000_000L, background);
        assertThat(background.sent).isBetween(250_000 - 2 * CHUNK, 250_000 + 3 * CHUNK);
    }

    @Test
    void withoutKeepAliveTheBackgroundHoldsUntilTheForegroundsLastByteIsDueAndTheQuietTimeHasPassed() {
        ManualTicker ticker = new ManualTicker();
        ScavengerUplink uplink = new ScavengerUplink(TokenBucket.forLink(UPLINK, ticker), ticker, Duration.ofMillis(50), 0);
        Pacer background = uplink.background();
        assertThat(background.holdNanos()).isZero();
        assertThat(background.reserve(CHUNK)).as("its bytes were taken with the turn, from a full bucket").isZero();
        long due = uplink.foreground().reserve(CHUNK); // the bucket is empty now: due later
        assertThat(due).isPositive();
        Pacer next = uplink.background();
        assertThat(next.holdNanos()).isEqualTo(due + 50_000_000L);
        ticker.advance(Duration.ofNanos(due + 49_000_000L));
        assertThat(next.holdNanos()).isEqualTo(1_000_000L);
        ticker.advance(Duration.ofMillis(1));
        // Idle now, but the bucket holds 50 ms of refill, less than a chunk: wait for the rest.
        long refill = next.holdNanos();
        assertThat(refill).isPositive().isLessThanOrEqualTo(CHUNK * 1_000_000_000L / 250_000);
        ticker.advance(Duration.ofNanos(refill));
        assertThat(next.holdNanos()).isZero();
    }

    @Test
    void idleBackgroundAnswersNeverLeaveTheLinkInDebt_soAForegroundAnswerStartsAtOnce() {
        ManualTicker ticker = new ManualTicker();
        ScavengerUplink uplink = uplink(ticker);
        Pacer[] held = new Pacer[10];
        int granted = 0;
        for (int i = 0; i < held.length; i++) {
            held[i] = uplink.background();
            if (held[i].holdNanos() == 0) {
                held[i].reserve(CHUNK);
                granted++;
            }
        }
        // The idle link's bucket held one chunk: one turn, not ten (ten would be 655 ms of debt).
        assertThat(granted).isEqualTo(1);
        long wait = uplink.foreground().reserve(CHUNK);
        assertThat(wait).as("a real answer's first chunk waits at most one chunk's time, ns")
                .isLessThanOrEqualTo(CHUNK * 1_000_000_000L / 250_000 + 1);
        // And while it sends, the others hold, but for one keep-alive turn (2 % of the link).
        long turns = java.util.Arrays.stream(held).filter(p -> p.holdNanos() == 0).count();
        assertThat(turns).isEqualTo(1);
    }

    @Test
    void aSmallChunkGivesBackTheRestOfItsTurn() {
        ManualTicker ticker = new ManualTicker();
        TokenBucket bucket = TokenBucket.forLink(UPLINK, ticker);
        ScavengerUplink uplink = new ScavengerUplink(bucket, ticker);
        Pacer relay = uplink.background();
        assertThat(relay.holdNanos()).isZero();
        assertThat(bucket.available()).isZero();
        relay.reserve(1_000); // a relay had only 1 kB to pass on
        assertThat(bucket.available()).isEqualTo(CHUNK - 1_000.0);
    }

    @Test
    void onAnUnlimitedUplinkNothingIsHeld() {
        ManualTicker ticker = new ManualTicker();
        ScavengerUplink uplink = new ScavengerUplink(TokenBucket.unlimited(ticker), ticker);
        uplink.foreground().reserve(10 * CHUNK);
        assertThat(uplink.background().holdNanos()).isZero();
    }

    private static ScavengerUplink uplink(ManualTicker ticker) {
        return new ScavengerUplink(TokenBucket.forLink(UPLINK, ticker), ticker);
    }

    @Test
    void rejectsNonsenseDurations() {
        ManualTicker ticker = new ManualTicker();
        TokenBucket bucket = TokenBucket.forLink(UPLINK, ticker);
        assertThatThrownBy(() -> new ScavengerUplink(bucket, ticker, Duration.ofMillis(-1), 0.02))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet");
        assertThatThrownBy(() -> new ScavengerUplink(bucket, ticker, Duration.ofMillis(50), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep-alive share");
    }
}
