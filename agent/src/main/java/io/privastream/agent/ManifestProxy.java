package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.http.ContentTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches manifests for the player from the content's servers, in order, never caching them
 * (a live manifest changes every segment).
 *
 * <p>Thread-safe.
 */
final class ManifestProxy {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestProxy.class);
    /** Manifests beyond this size are refused: no real one comes close. */
    static final int MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

    /** A fetched manifest and where it came from (relative references in it resolve against {@code url}). */
    record Manifest(byte[] body, String contentType, URI url) {
    }

    private final HttpClient http;
    private final Duration timeout;

    ManifestProxy(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Fetches {@code path} of {@code session}.
     *
     * @throws AgentException 404 when the first server to answer says it does not exist, 502 when
     *                        no server answered well
     */
    Manifest fetch(ContentSession session, String path) {
        String last = "";
        for (ContentSession.Upstream upstream : session.upstreams(path)) {
            Source server = upstream.server();
            URI url = upstream.url();
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    if (response.statusCode() == 404 || response.statusCode() == 410) {
                        throw new AgentException(404, path + " does not exist on " + server.id());
                    }
                    if (response.statusCode() != 200) {
                        last = url + " answered " + response.statusCode();
                        continue;
                    }
                    byte[] body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                    if (body.length > MAX_MANIFEST_BYTES) {
                        last = url + " sent a manifest larger than " + MAX_MANIFEST_BYTES + " bytes";
                        continue;
                    }
                    String type = response.headers().firstValue("Content-Type").orElse(ContentTypes.forPath(path));
                    return new Manifest(body, type, response.uri());
                }
            } catch (IOException e) {
                last = url + ": " + e.getMessage();
                LOG.debug("manifest fetch failed: {}", last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException(503, "interrupted");
            }
        }
        throw new AgentException(502, "no server delivered " + path + " (last: " + last + ")");
    }
}
