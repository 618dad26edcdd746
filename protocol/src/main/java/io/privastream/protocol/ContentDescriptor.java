package io.privastream.protocol;

import io.privastream.core.media.ContentId;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What an agent needs to know about one content, served by the manifest server as
 * {@code GET /content/{id}/descriptor.json}.
 *
 * <p>It carries no title: the tracker and peers only ever see {@link #contentId()}.
 *
 * @param contentId           the opaque content id
 * @param live                true for a live channel (sliding window), false for VoD
 * @param servers             base URLs of public servers holding the content's files, at least one,
 *                            each ending with {@code /}; an object's URL is base + object path
 * @param dashManifest        path of the DASH MPD relative to a server base, if the content has one
 * @param hlsManifest         path of the HLS master playlist relative to a server base, if any
 * @param segmentDurationMs   nominal media segment duration in milliseconds, at least 1
 * @param liveWindowMs        for live, how long a segment stays in the manifests' window (ms);
 *                            0 for VoD
 * @param renditions          the video and audio renditions, best effort (may be empty when the
 *                            publisher's manifests were not understood)
 * @param segmentTemplate     the DASH SegmentTemplate shared by the renditions, when there is one
 * @param publisherKey        the publisher's Ed25519 public key (base64 X.509, see
 *                            {@code core.integrity.PublisherKeys}) that signs every media object's
 *                            digest ({@code GET {server}{path}.merkle}); empty when the origin
 *                            publishes no digests (then no peer bytes can be verified)
 * @param swarmKey            the key (base64url, 32 bytes) agents name this content's swarm and
 *                            objects with at the tracker ({@link SwarmNames}), so that the
 *                            tracker sees keyed hashes, never content ids or paths; empty: a key
 *                            derived from the content id alone
 */
public record ContentDescriptor(
        ContentId contentId,
        boolean live,
        List<URI> servers,
        Optional<String> dashManifest,
        Optional<String> hlsManifest,
        long segmentDurationMs,
        long liveWindowMs,
        List<Rendition> renditions,
        Optional<SegmentTemplate> segmentTemplate,
        Optional<String> publisherKey,
        Optional<String> swarmKey) {

    /** A descriptor without a publisher key. */
    public ContentDescriptor(ContentId contentId, boolean live, List<URI> servers, Optional<String> dashManifest, Optional<String> hlsManifest,
            long segmentDurationMs, long liveWindowMs, List<Rendition> renditions, Optional<SegmentTemplate> segmentTemplate) {
        this(contentId, live, servers, dashManifest, hlsManifest, segmentDurationMs, liveWindowMs, renditions, segmentTemplate, Optional.empty(),
                Optional.empty());
    }

    /** This descriptor naming {@code key} (base64 X.509 Ed25519) as the publisher's key. */
    public ContentDescriptor withPublisherKey(String key) {
        return new ContentDescriptor(contentId, live, servers, dashManifest, hlsManifest, segmentDurationMs, liveWindowMs, renditions,
                segmentTemplate, Optional.of(key), swarmKey);
    }

    /** This descriptor with {@code key} (base64url, 32 bytes) as its swarm key. */
    public ContentDescriptor withSwarmKey(String key) {
        return new ContentDescriptor(contentId, live, servers, dashManifest, hlsManifest, segmentDurationMs, liveWindowMs, renditions,
                segmentTemplate, publisherKey, Optional.of(key));
    }

    /** @throws IllegalArgumentException quoting the bad field when the descriptor is inconsistent */
    public ContentDescriptor {
        if (contentId == null) {
            throw new IllegalArgumentException("descriptor needs a contentId");
        }
        servers = List.copyOf(servers == null ? List.of() : servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("descriptor of " + contentId + " lists no servers");
        }
        for (URI server : servers) {
            if (!server.isAbsolute() || !server.getPath().endsWith("/")) {
                throw new IllegalArgumentException("server base URL must be absolute and end with '/', got '" + server + "'");
            }
        }
        dashManifest = dashManifest == null ? Optional.empty() : dashManifest;
        hlsManifest = hlsManifest == null ? Optional.empty() : hlsManifest;
        if (dashManifest.isEmpty() && hlsManifest.isEmpty()) {
            throw new IllegalArgumentException("descriptor of " + contentId + " names neither a DASH nor an HLS manifest");
        }
        if (segmentDurationMs < 1) {
            throw new IllegalArgumentException("segmentDurationMs must be >= 1, got " + segmentDurationMs);
        }
        if (liveWindowMs < 0 || (!live && liveWindowMs != 0)) {
            throw new IllegalArgumentException("liveWindowMs must be >= 0 for live and 0 for VoD, got " + liveWindowMs);
        }
        renditions = List.copyOf(renditions == null ? List.of() : renditions);
        segmentTemplate = segmentTemplate == null ? Optional.empty() : segmentTemplate;
        publisherKey = publisherKey == null ? Optional.empty() : publisherKey;
        swarmKey = swarmKey == null ? Optional.empty() : swarmKey;
    }

    /**
     * One rendition of the content.
     *
     * @param id            the representation id in the MPD (also used in segment names)
     * @param kind          {@code video} or {@code audio}
     * @param bandwidthBps  declared bandwidth in bits per second
     * @param width         pixels; 0 for audio
     * @param height        pixels; 0 for audio
     */
    public record Rendition(String id, String kind, long bandwidthBps, int width, int height) {
        public Rendition {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("rendition id is required");
            }
            if (!"video".equals(kind) && !"audio".equals(kind)) {
                throw new IllegalArgumentException("rendition kind must be video or audio, got '" + kind + "'");
            }
            if (bandwidthBps < 0 || width < 0 || height < 0) {
                throw new IllegalArgumentException("rendition " + id + " has a negative bandwidth or size");
            }
        }
    }

    /**
     * A DASH segment template (ISO/IEC 23009-1 §5.3.9.4) with its identifiers unexpanded.
     *
     * @param initialization e.g. {@code init-stream$RepresentationID$.m4s}
     * @param media          e.g. {@code chunk-stream$RepresentationID$-$Number%05d$.m4s}
     * @param startNumber    number of the first segment
     */
    public record SegmentTemplate(String initialization, String media, long startNumber) {
        public SegmentTemplate {
            if (initialization == null || media == null) {
                throw new IllegalArgumentException("segment template needs initialization and media");
            }
        }
    }
}
