package io.privastream.origin;

import io.privastream.manifest.ManifestException;
import io.privastream.protocol.ContentDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand content: a directory of packaged files (e.g. from {@code VodPackager}).
 *
 * <p>Files are read on first use and kept in memory up to {@link #CACHE_BYTES} (least recently
 * used first out), so repeated requests cost no disk reads. A path never leaves the directory:
 * it is resolved and its real path checked to stay inside. Thread-safe.
 */
final class VodContent implements Content {
    /** Bytes of files kept in memory per content. */
    static final long CACHE_BYTES = 256L * 1024 * 1024;
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private record Key(String path, long size, long modified) {
    }

    private final ContentRegistry.Entry entry;
    private final Path root;
    private final Map<Key, StoredObject> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    VodContent(ContentRegistry.Entry entry, Path directory) {
        this.entry = entry;
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("VoD directory " + directory + " of '" + entry.title() + "' is not readable: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("VoD source of '" + entry.title() + "' must be a directory: " + directory);
        }
    }

    @Override
    public ContentRegistry.Entry entry() {
        return entry;
    }

    @Override
    public Optional<StoredObject> get(String path) {
        Path file = root.resolve(path).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
                return Optional.empty();
            }
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.size() > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            Key key = new Key(path, attrs.size(), attrs.lastModifiedTime().toMillis());
            synchronized (this) {
                StoredObject hit = cache.get(key);
                if (hit != null) {
                    return Optional.of(hit);
                }
            }
            StoredObject o = StoredObject.of(Files.readAllBytes(file), Instant.ofEpochMilli(key.modified()));
            synchronized (this) {
                if (cache.put(key, o) == null) {
                    cachedBytes += o.data().length;
                }
                var it = cache.entrySet().iterator();
                while (cachedBytes > CACHE_BYTES && it.hasNext()) {
                    cachedBytes -= it.next().getValue().data().length;
                    it.remove();
                }
            }
            return Optional.of(o);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ContentDescriptor> descriptor(List<URI> servers) {
        try {
            return ManifestFacts.describe(id(), servers, path -> get(path).map(StoredObject::text));
        } catch (ManifestException | IllegalArgumentException e) {
            throw new IllegalStateException("VoD '" + entry.title() + "' has unreadable manifests: " + e.getMessage(), e);
        }
    }
}
