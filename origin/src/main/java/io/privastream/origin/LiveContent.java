package io.privastream.origin;

import io.privastream.core.media.SegmentKey;
import io.privastream.manifest.ManifestException;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream pushed by an encoder over HTTP PUT, held in memory.
 *
 * <p>An object becomes visible only once its whole body arrived ({@link #put}), so nobody ever
 * reads half a segment. Media segments leave when the encoder DELETEs them, or at the latest
 * {@link #gc} drops them once older than three live windows (an encoder that crashed leaves no
 * litter). Thread-safe.
 */
final class LiveContent implements Content {
    private static final Logger LOG = LoggerFactory.getLogger(LiveContent.class);
    /** Most objects one stream may hold: a 30 s window of a 10-rendition ladder is ~200. */
    static final int MAX_OBJECTS = 5000;
    private static final Duration MIN_RETENTION = Duration.ofSeconds(60);

    private final ContentRegistry.Entry entry;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private volatile Cached descriptor;

    private record Cached(String mpdEtag, String masterEtag, List<URI> servers, Optional<ContentDescriptor> value) {
    }

    LiveContent(ContentRegistry.Entry entry) {
        this.entry = entry;
    }

    @Override
    public ContentRegistry.Entry entry() {
        return entry;
    }

    @Override
    public Optional<StoredObject> get(String path) {
        return Optional.ofNullable(objects.get(path));
    }

    /** Outcome of a store. */
    enum Stored {
        CREATED, REPLACED
    }

    /**
     * Stores a complete object.
     *
     * @throws IllegalArgumentException if {@code path} is not a safe object name
     * @throws IllegalStateException    when the stream already holds {@link #MAX_OBJECTS}
     */
    Stored put(String path, byte[] data, Instant now) {
        SegmentKey.checkPath(path);
        if (!objects.containsKey(path) && objects.size() >= MAX_OBJECTS) {
            throw new IllegalStateException("stream " + entry.title() + " already holds " + MAX_OBJECTS + " objects");
        }
        return objects.put(path, StoredObject.of(data, now)) == null ? Stored.CREATED : Stored.REPLACED;
    }

    /** Removes {@code path}; false if it was not there. */
    boolean delete(String path) {
        return objects.remove(path) != null;
    }

    /** Number of objects held. */
    int size() {
        return objects.size();
    }

    /** Drops media objects older than three live windows (at least a minute). */
    int gc(Instant now) {
        Duration window = descriptor(List.of(URI.create("http://gc.invalid/content/" + id() + "/")))
                .map(d -> Duration.ofMillis(d.liveWindowMs())).orElse(Duration.ZERO);
        Duration keep = window.multipliedBy(3).compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : window.multipliedBy(3);
        Instant cutoff = now.minus(keep);
        int dropped = 0;
        for (var e : objects.entrySet()) {
            String path = e.getKey();
            if (!Content.isManifest(path) && !path.contains("init") && e.getValue().lastModified().isBefore(cutoff)) {
                if (objects.remove(path, e.getValue())) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    @Override
    public Optional<ContentDescriptor> descriptor(List<URI> servers) {
        String mpd = get(ManifestFacts.MPD).map(StoredObject::etag).orElse("");
        String master = get(ManifestFacts.MASTER).map(StoredObject::etag).orElse("");
        Cached c = descriptor;
        if (c != null && c.servers().equals(servers)) {
            if (c.mpdEtag().equals(mpd) && c.masterEtag().equals(master)) {
                return c.value();
            }
            // The MPD changes every segment; its facts (renditions, durations) do not, so a good
            // descriptor is kept until the set of manifests changes.
            if (c.value().isPresent() && c.mpdEtag().isEmpty() == mpd.isEmpty() && c.masterEtag().isEmpty() == master.isEmpty()) {
                return c.value();
            }
        }
        Optional<ContentDescriptor> d;
        try {
            d = ManifestFacts.describe(id(), servers, path -> get(path).map(StoredObject::text));
        } catch (ManifestException | IllegalArgumentException e) {
            LOG.warn("stream {}: cannot describe from its manifests: {}", entry.title(), e.getMessage());
            d = Optional.empty();
        }
        descriptor = new Cached(mpd, master, List.copyOf(servers), d);
        return d;
    }
}
