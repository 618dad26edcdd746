package io.privastream.agent;

import io.privastream.core.download.LivePrefetch;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.SegmentNumbers;
import io.privastream.core.rate.Bandwidth;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.manifest.MediaSegment;
import io.privastream.manifest.Period;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import io.privastream.manifest.Track;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link LivePrefetch}'s plan: after the player asks for live segment {@code n} of a
 * representation, fetches {@code n+1..n+lead} of the same representation when they really
 * appear (the player, shown the edge late, asks for them a lead later and joins the download or
 * finds them cached).
 *
 * <p>Thread-safe. Each prefetch waits and runs on its own virtual thread; a failure is logged and
 * forgotten (the player's own request will try again).
 */
final class LivePrefetcher {
    private static final Logger LOG = LoggerFactory.getLogger(LivePrefetcher.class);
    private static final int REMEMBERED = 512;

    private final LivePrefetch plan;
    private final SegmentFetcher fetcher;
    private final Ticker ticker;
    private final Clock wall;
    private final Set<SegmentKey> planned = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SegmentKey, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    LivePrefetcher(LivePrefetch plan, SegmentFetcher fetcher, Ticker ticker, Clock wall) {
        this.plan = plan;
        this.fetcher = fetcher;
        this.ticker = ticker;
        this.wall = wall;
    }

    /** How late the player is shown the live edge. */
    Duration holdback(ContentSession session) {
        return Duration.ofNanos(plan.holdbackNanos(session.segmentDurationNanos()));
    }

    /**
     * The bucket to hand {@code o} to the player through: paced at the rate its download
     * delivered it when it comes from the cache under a lead (see {@link LivePrefetch#replayBytesPerSecond}),
     * else {@code unpaced}.
     */
    TokenBucket delivery(CachedObject o, boolean fromCache, TokenBucket unpaced) {
        if (!fromCache || !o.live()) {
            return unpaced;
        }
        OptionalLong rate = plan.replayBytesPerSecond(o.deliveredBytesPerSecond());
        if (rate.isEmpty()) {
            return unpaced;
        }
        // A shallow bucket (8 KiB): the player's clock should see the whole object paced.
        return new TokenBucket(Bandwidth.bitsPerSecond(rate.getAsLong() * 8), 8 * 1024, ticker);
    }

    /** The player asked for {@code key}: plan the segments after it. */
    void served(ContentSession session, SegmentKey key) {
        if (plan.leadSegments() == 0 || !session.descriptor().live()) {
            return;
        }
        OptionalLong number = SegmentNumbers.of(key.path());
        Optional<Presentation> p = session.presentation();
        if (number.isEmpty() || p.isEmpty()) {
            return;
        }
        Optional<Representation> rep = representationOf(session, p.get(), key.path(), number.getAsLong());
        if (rep.isEmpty()) {
            return;
        }
        long now = ticker.nanos();
        Instant wallNow = wall.instant();
        for (LivePrefetch.Planned next : plan.after(number.getAsLong(), session.segmentDurationNanos(),
                n -> availableAt(rep.get(), n, now, wallNow), now)) {
            Optional<String> path = rep.get().segments().segment(next.number()).flatMap(s -> session.pathOf(s.url()));
            if (path.isEmpty()) {
                continue;
            }
            SegmentKey ahead = new SegmentKey(key.content(), path.get());
            synchronized (planned) {
                if (!planned.add(ahead)) {
                    continue;
                }
            }
            Thread.ofVirtual().name("prefetch-" + path.get()).start(() -> run(session, ahead, next));
        }
    }

    private void run(ContentSession session, SegmentKey key, LivePrefetch.Planned next) {
        try {
            long wait = next.startNanos() - ticker.nanos();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            fetcher.prefetch(session, key, next.deadlineNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("prefetch of {} failed: {}", key, e.getMessage());
        }
    }

    /** The representation whose segment {@code number} is at {@code path}. */
    private static Optional<Representation> representationOf(ContentSession session, Presentation p, String path, long number) {
        for (Period period : p.periods()) {
            for (Track track : period.tracks()) {
                for (Representation r : track.representations()) {
                    Optional<String> at = r.segments().segment(number).flatMap(s -> session.pathOf(s.url()));
                    if (at.isPresent() && at.get().equals(path)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static OptionalLong availableAt(Representation rep, long number, long now, Instant wallNow) {
        Optional<Instant> at = rep.segments().segment(number).flatMap(MediaSegment::availableAt);
        return at.map(i -> OptionalLong.of(now + Duration.between(wallNow, i).toNanos())).orElse(OptionalLong.empty());
    }
}
