package io.privastream.agent;

import io.privastream.core.media.ContentId;
import io.privastream.manifest.DashReader;
import io.privastream.manifest.HlsReader;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.ManifestKind;
import io.privastream.manifest.Presentation;
import io.privastream.protocol.ContentDescriptor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns the manifest URL of any standard DASH/HLS origin (nginx, a CDN) into a content the agent
 * serves: a content id derived from the URL (so every agent watching that URL joins one swarm)
 * and a descriptor inferred by reading the manifest.
 */
final class ThirdPartySources {
    private static final Duration DEFAULT_SEGMENT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    private final HttpClient http;
    private final Duration timeout;

    ThirdPartySources(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** The content id agents use for the manifest at {@code url}: a hash of it, opaque. */
    static ContentId idOf(URI url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("privastream-source:" + url).getBytes(StandardCharsets.UTF_8));
            return ContentId.of(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * Reads the manifest at {@code url} and describes it.
     *
     * @throws AgentException 400 when the URL is not http(s), 502 when the manifest cannot be
     *                        fetched or read
     */
    ContentSession probe(URI url) {
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getRawPath() == null) {
            throw new AgentException(400, "source must be an absolute http(s) manifest URL, got '" + url + "'");
        }
        byte[] body = fetch(url);
        String path = url.getRawPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        ManifestKind kind = ManifestKind.sniff(body, file)
                .orElseThrow(() -> new AgentException(502, url + " is neither a DASH MPD nor an HLS playlist"));
        Presentation p;
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            p = kind == ManifestKind.DASH ? DashReader.read(text, url)
                    : HlsReader.read(text, url, media -> new String(fetch(media), StandardCharsets.UTF_8));
        } catch (ManifestException e) {
            throw new AgentException(502, "cannot read " + url + ": " + e.getMessage(), e);
        }
        Duration segment = p.maxSegmentDuration().orElse(DEFAULT_SEGMENT);
        Duration window = p.live() ? p.timeShiftBufferDepth().orElse(DEFAULT_WINDOW) : Duration.ZERO;
        URI base = url.resolve("./");
        ContentDescriptor d = new ContentDescriptor(idOf(url), p.live(), List.of(base),
                kind == ManifestKind.DASH ? Optional.of(file) : Optional.empty(),
                kind == ManifestKind.HLS ? Optional.of(file) : Optional.empty(),
                Math.max(1, segment.toMillis()), window.toMillis(), List.of(), Optional.empty());
        return ContentSession.of(d);
    }

    private byte[] fetch(URI url) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AgentException(502, url + " answered " + r.statusCode());
            }
            if (r.body().length > ManifestProxy.MAX_MANIFEST_BYTES) {
                throw new AgentException(502, url + " is larger than " + ManifestProxy.MAX_MANIFEST_BYTES + " bytes");
            }
            return r.body();
        } catch (IOException e) {
            throw new AgentException(502, "cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(503, "interrupted");
        }
    }
}
