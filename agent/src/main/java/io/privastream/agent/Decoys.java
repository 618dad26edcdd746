package io.privastream.agent;

import io.privastream.core.download.DecoyGate;
import io.privastream.core.download.DecoyPlan;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.SegmentNumbers;
import io.privastream.core.time.Ticker;
import io.privastream.manifest.DashReader;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.MediaSegment;
import io.privastream.manifest.Period;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import io.privastream.manifest.Track;
import io.privastream.manifest.TrackKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link DecoyPlan}: with each real lookup, fetches objects of cover contents the
 * way a viewer of them would — joined to their swarms, looked up (claims included), downloaded,
 * cached, announced and served — so that neither the tracker nor a peer can tell a decoy from a
 * real request. Each decoy takes the newest available segment of the cover's lowest video
 * rendition or of its audio, as a player at the live edge would.
 *
 * <p>Covers are chosen once, after the first real lookup, among the contents the manifest servers
 * list. Thread-safe; decoys run on their own virtual threads, never on the real download's, and a
 * failure is logged and forgotten.
 */
final class Decoys {
    private static final Logger LOG = LoggerFactory.getLogger(Decoys.class);
    /** How far ahead a decoy is due, in segment durations. */
    private static final int DEADLINE_SEGMENTS = 8;
    /**
     * Decoys of one cover downloading at once when they are served in the background (relayed
     * access): such a decoy may take seconds, and with one at a time a third of them were
     * skipped, thinning the blurring. In the foreground one at a time, none waiting, so that
     * decoys never pile up on a busy link.
     */
    static final int BACKGROUND_IN_FLIGHT = 4;
    /** Decoys of one cover that may wait for a turn in the background (see {@link DecoyGate}). */
    static final int BACKGROUND_WAITING = 8;
    /** Longest a background decoy waits for its turn, in segment durations. */
    static final int BACKGROUND_WAIT_SEGMENTS = 4;

    private final DecoyPlan plan;
    private final ContentCatalog catalog;
    private final ManifestProxy manifests;
    private final SegmentFetcher fetcher;
    private final SwarmDirectory directory;
    private final Ticker ticker;
    private final Clock wall;
    private final boolean background;
    private final Counters counters;
    private List<Cover> covers;

    /** A cover content and what was last read of its manifest. */
    private static final class Cover {
        final ContentSession session;
        /** Which of this cover's decoys download now, wait or are dropped; guarded by the cover. */
        final DecoyGate<Boolean> gate;
        Presentation presentation;
        long readNanos = Long.MIN_VALUE;
        /** Alternates video and audio, as a player asks for one of each per segment duration. */
        boolean audioNext;
        /** Objects already taken as decoys (most recent 256): each decoy is a new lookup. */
        final java.util.Set<String> taken = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                return size() > 256;
            }
        });

        Cover(ContentSession session, DecoyGate<Boolean> gate) {
            this.session = session;
            this.gate = gate;
        }
    }

    /**
     * @param background whether peers too serve decoys in the background (relayed access; the
     *                   origin always does): then {@link #BACKGROUND_IN_FLIGHT} of a cover
     *                   download at once and {@link #BACKGROUND_WAITING} more wait; else one at a
     *                   time, the others dropped (direct peers serve decoys as real requests, and
     *                   more at once took the real segments' uplink, see docs/experiments.md)
     * @param counters   where dropped decoys are counted
     */
    Decoys(DecoyPlan plan, ContentCatalog catalog, ManifestProxy manifests, SegmentFetcher fetcher, SwarmDirectory directory, Ticker ticker,
            Clock wall, boolean background, Counters counters) {
        this.background = background;
        this.counters = counters;
        this.plan = plan;
        this.catalog = catalog;
        this.manifests = manifests;
        this.fetcher = fetcher;
        this.directory = directory;
        this.ticker = ticker;
        this.wall = wall;
    }

    /** A real lookup of {@code key} of {@code real} is about to be made: make its decoys. */
    void realLookup(ContentSession real, SegmentKey key) {
        if (plan.perQuery() == 0) {
            return;
        }
        boolean init = SegmentNumbers.of(key.path()).isEmpty();
        // Off the player's path: the first call lists contents and resolves the covers over HTTP.
        Thread.ofVirtual().name("decoy").start(() -> {
            List<Cover> chosen = covers(real.descriptor().contentId());
            for (int index : plan.decoysFor(chosen.size())) {
                Cover cover = chosen.get(index);
                long lagNanos = (long) (plan.lagShare(index) * cover.session.segmentDurationNanos());
                Thread.ofVirtual().name("decoy").start(() -> {
                    try {
                        // Out of the real download's burst (DecoyPlan.lagShare).
                        Thread.sleep(Duration.ofNanos(lagNanos));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    fetch(cover, init);
                });
            }
        });
    }

    private synchronized List<Cover> covers(ContentId real) {
        if (covers == null) {
            List<ContentId> others = catalog.listed().stream().filter(id -> !id.equals(real)).toList();
            covers = new ArrayList<>();
            for (ContentId id : plan.chooseCovers(others)) {
                try {
                    ContentSession s = catalog.resolve(id);
                    directory.join(id, s.descriptor().live(), s.swarmNames());
                    covers.add(new Cover(s, gate(s)));
                } catch (AgentException e) {
                    LOG.debug("cover content {} cannot be used: {}", id, e.getMessage());
                }
            }
            LOG.info("decoys: {} per query over {} cover content(s)", plan.perQuery(), covers.size());
        }
        return covers;
    }

    /** The gate of a cover's decoys; what waits is whether the decoy is for an init segment. */
    private DecoyGate<Boolean> gate(ContentSession cover) {
        if (!background) {
            return new DecoyGate<>(1, 0, Duration.ZERO);
        }
        return new DecoyGate<>(BACKGROUND_IN_FLIGHT, BACKGROUND_WAITING,
                Duration.ofNanos(BACKGROUND_WAIT_SEGMENTS * cover.segmentDurationNanos()));
    }

    /** Offers a decoy to the cover's gate; runs it, and then the waiting ones it hands its turn to. */
    private void fetch(Cover cover, boolean init) {
        if (atGate(cover, gate -> gate.offer(ticker.nanos(), init)) != DecoyGate.Admission.RUN) {
            return; // dropped, or a running decoy of this cover starts it when it ends
        }
        Optional<Boolean> next = Optional.of(init);
        while (next.isPresent()) {
            fetchOne(cover, next.get());
            next = atGate(cover, gate -> gate.finished(ticker.nanos()));
        }
    }

    /** One step at the cover's gate, under its lock; the decoys it dropped are counted. */
    private <R> R atGate(Cover cover, Function<DecoyGate<Boolean>, R> step) {
        synchronized (cover) {
            long droppedBefore = cover.gate.dropped();
            R result = step.apply(cover.gate);
            counters.decoysDropped.add(cover.gate.dropped() - droppedBefore);
            return result;
        }
    }

    private void fetchOne(Cover cover, boolean init) {
        try {
            Optional<String> path = nextObject(cover, init);
            if (path.isEmpty()) {
                return;
            }
            // A distant deadline: the download plan leans on peers and calls on servers late, so
            // decoys take as little as possible of the servers' capacity, which real viewers share.
            long due = ticker.nanos() + DEADLINE_SEGMENTS * cover.session.segmentDurationNanos();
            fetcher.decoy(cover.session, new SegmentKey(cover.session.descriptor().contentId(), path.get()), due);
        } catch (AgentException | IllegalArgumentException e) {
            LOG.debug("decoy in {} failed: {}", cover.session.descriptor().contentId(), e.getMessage());
        }
    }

    /**
     * For a real initialization segment, the init segment of the cover's lowest video rendition
     * or of its audio (in turn); for a media segment, the newest available one not taken yet of
     * the same representation.
     */
    private Optional<String> nextObject(Cover cover, boolean init) {
        Presentation p = presentation(cover);
        if (p == null || p.periods().isEmpty()) {
            return Optional.empty();
        }
        Period period = p.periods().getLast();
        TrackKind kind;
        synchronized (cover) {
            kind = cover.audioNext ? TrackKind.AUDIO : TrackKind.VIDEO;
            cover.audioNext = !cover.audioNext;
        }
        Optional<Track> track = period.firstTrack(kind).or(() -> period.firstTrack(TrackKind.VIDEO));
        if (track.isEmpty() || track.get().byBandwidth().isEmpty()) {
            return Optional.empty();
        }
        Representation lowest = track.get().byBandwidth().getFirst();
        if (init) {
            Optional<String> path = lowest.init().flatMap(i -> cover.session.pathOf(i.url()));
            synchronized (cover) {
                return path.filter(cover.taken::add);
            }
        }
        List<MediaSegment> available = lowest.segments().available(wall.instant());
        for (int i = available.size() - 1; i >= 0; i--) {
            Optional<String> path = cover.session.pathOf(available.get(i).url());
            synchronized (cover) {
                if (path.isPresent() && cover.taken.add(path.get())) {
                    return path;
                }
            }
        }
        return Optional.empty();
    }

    private Presentation presentation(Cover cover) {
        synchronized (cover) {
            long now = ticker.nanos();
            if (cover.presentation == null || now - cover.readNanos > cover.session.segmentDurationNanos()) {
                String path = cover.session.descriptor().dashManifest().orElse(null);
                if (path == null) {
                    return null; // HLS-only cover: not used for decoys yet
                }
                ManifestProxy.Manifest m = manifests.fetch(cover.session, path);
                try {
                    cover.presentation = DashReader.read(new String(m.body(), StandardCharsets.UTF_8), m.url());
                    cover.readNanos = now;
                } catch (ManifestException e) {
                    LOG.debug("cover manifest {} unreadable: {}", m.url(), e.getMessage());
                }
            }
            return cover.presentation;
        }
    }
}
