package io.privastream.player;

import io.privastream.core.abr.AbrInput;
import io.privastream.core.abr.AbrStrategy;
import io.privastream.core.abr.ThroughputEstimator;
import io.privastream.core.playback.BufferedSegment;
import io.privastream.core.playback.MediaKind;
import io.privastream.core.playback.PlaybackConfig;
import io.privastream.core.playback.PlaybackModel;
import io.privastream.core.playback.PlaybackState;
import io.privastream.core.time.Ticker;
import io.privastream.manifest.InitSegment;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.MediaSegment;
import io.privastream.manifest.Period;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import io.privastream.manifest.Track;
import io.privastream.manifest.TrackKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One playback session: the play loop of {@link HeadlessPlayer}. Runs on the caller's thread;
 * {@link #stop()} may come from any thread.
 */
final class PlaySession {
    private static final Logger log = LoggerFactory.getLogger(PlaySession.class);
    /** Consecutive failed live manifest reloads after which the session gives up. */
    private static final int MAX_REFRESH_FAILURES = 5;
    private static final Duration FALLBACK_SEGMENT = Duration.ofSeconds(2);

    private final PlayerConfig config;
    private final URI url;
    private final Ticker ticker;
    private final InstantSource wall;
    private final PlayerListener listener;
    private final Http http;
    private final AbrStrategy abr;
    /**
     * One estimator per media kind, as dash.js keeps its throughput history per media type: a
     * small audio segment says little about the link, and where the agent paces a download to
     * its deadline it would drag the video's estimate down.
     */
    private final Map<MediaKind, ThroughputEstimator> estimators = new EnumMap<>(MediaKind.class);
    private final Set<InitSegment> initsFetched = new HashSet<>();

    private final SessionClock clock;
    private PresentationSource source;
    private PlaybackModel model;
    private boolean live;
    private int periodIndex;
    private String periodId = "";
    private final List<TrackCursor> cursors = new ArrayList<>();
    /** Live manifest reload period in nanoseconds; 0 when the manifest never needs reloading. */
    private long refreshInterval;
    private long lastRefresh;
    private int refreshFailures;
    private long latencyNanos;
    private long skipped;

    PlaySession(PlayerConfig config, URI url, HttpClient client, Ticker ticker, InstantSource wall, PlayerListener listener) {
        this.config = config;
        this.url = url;
        this.ticker = ticker;
        this.wall = wall;
        this.listener = listener;
        this.clock = new SessionClock(ticker, config.progressInterval(), config.sessionLimit());
        this.http = new Http(client, config, ticker, clock);
        this.abr = AbrStrategy.byName(config.abr());
        clock.onTick((now, progressDue) -> {
            if (model != null) {
                model.advance(Math.max(now, model.nowNanos()));
            }
            if (progressDue) {
                notifyListener(now);
            }
        });
    }

    void stop() {
        clock.stop();
        http.cancel();
    }

    PlayerReport run() {
        PlayerReport.End end;
        Optional<String> failure = Optional.empty();
        try {
            source = PresentationSource.open(http, url);
            setUp(source.current());
            end = loop();
        } catch (SessionOver over) {
            end = over.end();
        } catch (FetchException e) {
            end = PlayerReport.End.FAILED;
            failure = Optional.of(e.getMessage());
        } catch (ManifestException e) {
            end = PlayerReport.End.FAILED;
            failure = Optional.of("bad manifest: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not a network condition: keep the stack, but still hand back a report.
            log.warn("play loop of {} failed unexpectedly", url, e);
            end = PlayerReport.End.FAILED;
            failure = Optional.of("unexpected " + e);
        }
        if (model == null) {
            model = new PlaybackModel(PlaybackConfig.defaults());
            model.manifestRequested(clock.start());
        }
        long now = Math.max(model.nowNanos(), ticker.nanos());
        model.finish(end == PlayerReport.End.DURATION_LIMIT ? Math.max(model.nowNanos(), clock.endAt()) : now);
        failure.ifPresent(f -> log.info("session {} failed: {}", url, f));
        notifyListener(now);
        return new PlayerReport(url, Optional.ofNullable(source).map(s -> s.current().kind()), live, end, failure, model.report(),
                http.requests(), http.failures(), http.bytesReceived(), skipped);
    }

    // ---- set-up ----

    private void setUp(Presentation p) throws FetchException, SessionOver {
        live = p.live();
        Period period = live ? p.periods().getLast() : p.periods().get(periodIndex);
        periodId = period.id();
        Track main = period.firstTrack(TrackKind.VIDEO).or(() -> period.firstTrack(TrackKind.AUDIO))
                .orElseThrow(() -> new ManifestException("period '" + period.id() + "' has no video or audio track"));
        Optional<Track> audio = main.kind() == TrackKind.VIDEO ? period.firstTrack(TrackKind.AUDIO) : Optional.empty();
        MediaKind mainKind = main.kind() == TrackKind.VIDEO ? MediaKind.VIDEO : MediaKind.AUDIO;
        if (model == null) {
            Set<MediaKind> kinds = audio.isPresent() ? EnumSet.of(MediaKind.VIDEO, MediaKind.AUDIO) : EnumSet.of(mainKind);
            model = new PlaybackModel(new PlaybackConfig(kinds, config.startThreshold(), config.resumeThreshold(), config.timelineInterval()));
            model.manifestRequested(clock.start());
            refreshInterval = refreshInterval(p);
            lastRefresh = ticker.nanos();
        }
        Duration nominal = p.maxSegmentDuration().orElse(FALLBACK_SEGMENT);
        int previous = cursors.isEmpty() ? 0 : cursors.getFirst().index;
        cursors.clear();
        List<Representation> ladder = main.byBandwidth();
        cursors.add(new TrackCursor(mainKind, main.kind(), ladder, Math.min(previous, ladder.size() - 1), nominal));
        // Audio is not adapted: the first representation (the HLS default rendition) plays throughout.
        audio.ifPresent(a -> cursors.add(new TrackCursor(MediaKind.AUDIO, TrackKind.AUDIO, List.of(a.representations().getFirst()), 0, nominal)));
        for (TrackCursor c : cursors) {
            source.ensureLoaded(c.ladder.get(c.index));
        }
        if (live) {
            startAtLiveEdge();
        } else {
            for (TrackCursor c : cursors) {
                List<MediaSegment> all = representation(c).segments().available(wall.instant());
                if (all.isEmpty()) {
                    throw new ManifestException("representation '" + c.representationId() + "' has no segments");
                }
                c.next = all.getFirst().number();
            }
        }
        log.debug("playing period '{}' of {}: {} track(s), live={}", periodId, url, cursors.size(), live);
    }

    /** Live: start {@code liveDelaySegments} behind the newest available segment, the same distance in every track. */
    private void startAtLiveEdge() throws FetchException, SessionOver {
        while (true) {
            List<MediaSegment> main = representation(cursors.getFirst()).segments().available(wall.instant());
            if (!main.isEmpty()) {
                int behind = Math.min(main.size(), config.liveDelaySegments());
                for (TrackCursor c : cursors) {
                    List<MediaSegment> own = c == cursors.getFirst() ? main : representation(c).segments().available(wall.instant());
                    c.next = own.isEmpty() ? main.get(main.size() - behind).number() : own.get(Math.max(0, own.size() - behind)).number();
                }
                return;
            }
            // The stream has just begun: nothing to play yet.
            clock.pause(nextRefreshAt(ticker.nanos()));
            refresh();
        }
    }

    private long refreshInterval(Presentation p) {
        if (!p.live()) {
            return 0;
        }
        Optional<Duration> mup = p.minimumUpdatePeriod();
        if (mup.isEmpty()) {
            return 0; // a number template: the clock says which segments exist
        }
        // ffmpeg writes minimumUpdatePeriod="PT0S" for sub-second segments: poll at half a segment then.
        Duration floor = p.maxSegmentDuration().orElse(FALLBACK_SEGMENT).dividedBy(2);
        return Math.max(Math.max(mup.get().toNanos(), floor.toNanos()), Duration.ofMillis(100).toNanos());
    }

    private Representation representation(TrackCursor c) {
        String id = c.representationId();
        Presentation p = source.current();
        Period period = live ? p.periods().getLast() : p.periods().get(periodIndex);
        return period.firstTrack(c.trackKind).flatMap(t -> t.representation(id))
                .orElseThrow(() -> new ManifestException("representation '" + id + "' is gone from the manifest"));
    }

    // ---- the loop ----

    private PlayerReport.End loop() throws FetchException, SessionOver {
        while (true) {
            long now = clock.tick();
            if (live && refreshInterval > 0 && now - lastRefresh >= refreshInterval) {
                refresh();
                continue;
            }
            TrackCursor c = nextCursor();
            if (c == null) {
                if (!live && periodIndex + 1 < source.current().periods().size()) {
                    periodIndex++;
                    setUp(source.current());
                    continue;
                }
                return playOut();
            }
            if (model.state() == PlaybackState.PLAYING) {
                long excess = model.bufferAhead(c.kind).plus(c.nominal).minus(config.maxBuffer()).toNanos();
                if (excess > 0) {
                    clock.pause(now + excess);
                    continue;
                }
            }
            Instant wallNow = wall.instant();
            Optional<MediaSegment> segment = c.nextIn(representation(c), live, wallNow);
            if (segment.isEmpty()) {
                missing(c, now);
                continue;
            }
            if (live && segment.get().availableAt().isPresent() && segment.get().availableAt().get().isAfter(wallNow)) {
                clock.pause(tickerAt(segment.get().availableAt().get(), now, wallNow));
                continue;
            }
            Representation current = representation(c);
            int before = c.index;
            if (c == cursors.getFirst() && adapt(c, segment.get())) {
                source.switchedTo(representation(c), live);
                Optional<MediaSegment> switched = c.nextIn(representation(c), live, wallNow);
                if (switched.isPresent()) {
                    fetch(c, representation(c), switched.get());
                    continue;
                }
                // The new representation's playlist does not list it yet (HLS live): one more from the old one.
                c.index = before;
            }
            fetch(c, current, segment.get());
        }
    }

    /** The unfinished track whose buffer reaches least far, video first on a tie. */
    private TrackCursor nextCursor() {
        TrackCursor best = null;
        for (TrackCursor c : cursors) {
            if (!c.done && (best == null || model.bufferAhead(c.kind).compareTo(model.bufferAhead(best.kind)) < 0)) {
                best = c;
            }
        }
        return best;
    }

    /** Lets the ABR strategy choose the representation of {@code next}; true if it switched. */
    private boolean adapt(TrackCursor c, MediaSegment next) {
        Duration buffer = model.state() == PlaybackState.PLAYING ? model.bufferLevel() : Duration.ZERO;
        AbrInput input = new AbrInput(c.bitrates(), estimator(c.kind).bitsPerSecond().orElse(0), buffer, next.duration(), c.index,
                Duration.ofNanos(latencyNanos));
        int chosen = abr.choose(input);
        if (chosen != c.index) {
            log.debug("ABR {}: representation {} -> {} (buffer {}, throughput {} bit/s)", abr.name(), c.representationId(),
                    c.ladder.get(chosen).id(), buffer, input.throughputBitsPerSecond());
            c.index = chosen;
            return true;
        }
        return false;
    }

    private void fetch(TrackCursor c, Representation rep, MediaSegment s) throws FetchException, SessionOver {
        Optional<InitSegment> init = rep.init();
        if (init.isPresent() && !initsFetched.contains(init.get())) {
            http.segment(init.get().url(), init.get().range());
            initsFetched.add(init.get());
        }
        Download d;
        try {
            d = http.segment(s.url(), s.range());
        } catch (FetchException e) {
            if (!live) {
                throw e;
            }
            // Live: a segment that keeps failing is skipped; the buffer absorbs it or stalls.
            log.info("skipping live segment {}: {}", s.number(), e.getMessage());
            skipped++;
            c.fetched(s);
            return;
        }
        log.debug("{} segment {} of {}: {} bytes in {} ms (first byte after {} ms), {} from peers", c.kind, s.number(),
                rep.id(), d.bytes(), d.durationNanos() / 1_000_000, d.latencyNanos() / 1_000_000, d.peerBytes());
        if (c.kind == cursors.getFirst().kind) {
            latencyNanos = latencyNanos == 0 ? d.latencyNanos() : (4 * latencyNanos + d.latencyNanos()) / 5;
        }
        estimator(c.kind).addSample(d.bytes(), Duration.ofNanos(d.durationNanos()));
        BufferedSegment buffered = new BufferedSegment(c.kind, rep.bandwidthBitsPerSecond(), s.duration(), d.bytes(),
                d.peerBytes(), d.serverBytes());
        if (live && s.availableAt().isPresent()) {
            model.segmentBuffered(d.doneNanos(), buffered, tickerAt(s.availableAt().get(), d.doneNanos(), wall.instant()));
        } else {
            model.segmentBuffered(d.doneNanos(), buffered);
        }
        c.fetched(s);
    }

    private ThroughputEstimator estimator(MediaKind kind) {
        return estimators.computeIfAbsent(kind, k -> ThroughputEstimator.dashJsDefaults());
    }

    /** The next segment is not in the manifest: the end (VoD), or not yet published / already gone (live). */
    private void missing(TrackCursor c, long now) throws FetchException, SessionOver {
        List<MediaSegment> available = live ? representation(c).segments().available(wall.instant()) : List.of();
        if (!live || refreshInterval == 0 && available.isEmpty()) {
            c.done = true;
            return;
        }
        if (!available.isEmpty() && c.next < available.getFirst().number()) {
            long jump = available.get(Math.max(0, available.size() - config.liveDelaySegments())).number();
            log.info("fell out of the live window: jumping from segment {} to {}", c.next, jump);
            skipped += jump - c.next;
            c.next = jump;
            c.nextStart = Optional.empty();
            return;
        }
        // Not published yet: reload sooner than the regular interval (RFC 8216 §6.3.4: half the target duration).
        clock.pause(nextRefreshAt(now));
        refresh();
    }

    private PlayerReport.End playOut() throws SessionOver {
        model.endOfStream(clock.tick());
        while (model.state() != PlaybackState.ENDED) {
            clock.pause(model.nowNanos() + model.bufferLevel().toNanos() + Duration.ofMillis(1).toNanos());
        }
        return PlayerReport.End.ENDED;
    }

    private void refresh() throws FetchException, SessionOver {
        lastRefresh = ticker.nanos();
        List<Representation> inUse = new ArrayList<>();
        for (TrackCursor c : cursors) {
            inUse.add(representation(c));
        }
        try {
            source.refresh(inUse);
            refreshFailures = 0;
        } catch (FetchException | ManifestException e) {
            // A manifest caught mid-write or a brief outage: keep playing from what we know.
            if (++refreshFailures >= MAX_REFRESH_FAILURES) {
                throw e;
            }
            log.info("manifest reload {} of {} failed: {}", refreshFailures, MAX_REFRESH_FAILURES, e.getMessage());
            return;
        }
        Presentation p = source.current();
        if (!p.live()) {
            live = false; // the live stream ended: what is listed is all there is
            periodIndex = p.periods().size() - 1;
        } else if (!p.periods().getLast().id().equals(periodId)) {
            setUp(p);
        }
    }

    // ---- time ----

    /** When to reload a manifest that lacks the segment we need: half an interval after the last reload. */
    private long nextRefreshAt(long now) {
        long half = refreshInterval > 0 ? refreshInterval / 2 : FALLBACK_SEGMENT.toNanos();
        return now + Math.max(Duration.ofMillis(20).toNanos(), half - (now - lastRefresh));
    }

    /** The ticker reading for wall-clock instant {@code at}, given that {@code nowNanos} is {@code wallNow}. */
    private static long tickerAt(Instant at, long nowNanos, Instant wallNow) {
        return nowNanos + Duration.between(wallNow, at).toNanos();
    }

    private void notifyListener(long now) {
        if (model == null) {
            return;
        }
        try {
            listener.onProgress(new PlayerProgress(Duration.ofNanos(now - clock.start()), model.state(), model.bufferLevel(),
                    model.playingBitrateBitsPerSecond(), estimator(cursors.getFirst().kind).bitsPerSecond().orElse(0), model.report().rebufferCount(),
                    http.requests(), http.failures()));
        } catch (RuntimeException e) {
            log.warn("player listener failed; ignoring", e);
        }
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "PlaySession[" + url + (source == null ? "" : ", " + source.current().kind()) + "]";
    }
}
