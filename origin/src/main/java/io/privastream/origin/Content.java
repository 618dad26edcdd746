package io.privastream.origin;

import io.privastream.core.media.ContentId;
import io.privastream.protocol.ContentDescriptor;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Something the origin serves under {@code /content/{id}/}: a live stream or a VoD directory. */
interface Content {

    /** Its registry entry. */
    ContentRegistry.Entry entry();

    default ContentId id() {
        return entry().contentId();
    }

    /** The object at {@code path} (already checked by {@code SegmentKey.checkPath}), if present. */
    Optional<StoredObject> get(String path);

    /**
     * Its descriptor, listing {@code servers} (one base URL per listener, each ending in
     * {@code /content/{id}/}); empty while a live stream has not published its manifest yet.
     */
    Optional<ContentDescriptor> descriptor(List<URI> servers);

    /** True for manifests, which change (live) and must not be cached long. */
    static boolean isManifest(String path) {
        return path.endsWith(".mpd") || path.endsWith(".m3u8");
    }
}
