package io.privastream.origin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.Text;
import io.privastream.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Titles and their opaque content ids, kept in {@code contents.json} in the data directory so that
 * an encoder reconnecting with the same stream name (or a restarted origin) keeps its id and its
 * viewers' URLs.
 *
 * <p>Titles never leave the origin except in its own listing ({@code GET /content}). Every change
 * is written to a temporary file and moved over the old one, so a crash leaves either the old or
 * the new registry, never a torn one. Thread-safe.
 */
public final class ContentRegistry {
    /** What a title looks like: it appears in ingest URLs. */
    public static final Pattern TITLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One registered content. */
    public record Entry(String title, ContentId contentId, boolean live) {
        public Entry {
            checkTitle(title);
        }
    }

    private final Path file;
    private final RandomGenerator random;
    private final Map<String, Entry> byTitle = new TreeMap<>();

    /**
     * Opens (or creates) the registry in {@code dataDir}.
     *
     * @throws IllegalStateException naming the file when it exists but is not a registry
     * @throws UncheckedIOException  when the directory cannot be created or read
     */
    public ContentRegistry(Path dataDir, RandomGenerator random) {
        this.file = dataDir.resolve("contents.json");
        this.random = random;
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                List<Entry> entries;
                try {
                    entries = Json.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Entry>>() { });
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException("content registry " + file + " is corrupt (" + e.getMessage().lines().findFirst().orElse("")
                            + "); fix or remove it (every content then gets a new id)", e);
                }
                for (Entry e : entries) {
                    byTitle.put(e.title(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the content registry in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException quoting {@code title} when it is not a valid title */
    public static String checkTitle(String title) {
        if (title == null || !TITLE.matcher(title).matches()) {
            throw new IllegalArgumentException("title must be 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit, got '"
                    + Text.quote(title) + "'");
        }
        return title;
    }

    /** The entry for {@code title}, registering it with a fresh random id if new. */
    public synchronized Entry register(String title, boolean live) {
        checkTitle(title);
        Entry e = byTitle.get(title);
        if (e != null && e.live() == live) {
            return e;
        }
        Entry fresh = new Entry(title, e != null ? e.contentId() : ContentId.random(random), live);
        byTitle.put(title, fresh);
        save();
        return fresh;
    }

    /** The entry for {@code title}, if registered. */
    public synchronized Optional<Entry> byTitle(String title) {
        return Optional.ofNullable(byTitle.get(title));
    }

    /** The entry with {@code id}, if any. */
    public synchronized Optional<Entry> byId(ContentId id) {
        return byTitle.values().stream().filter(e -> e.contentId().equals(id)).findFirst();
    }

    /** Every entry, by title. */
    public synchronized List<Entry> entries() {
        return List.copyOf(byTitle.values());
    }

    private void save() {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, Json.writePretty(new ArrayList<>(byTitle.values())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the content registry " + file + ": " + e.getMessage(), e);
        }
    }
}
