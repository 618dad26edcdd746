package io.privastream.agent;

import io.privastream.core.integrity.IntegrityException;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.integrity.SignedDigest;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.rate.TokenBucket;
import io.privastream.http.Pacing;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and checks the publisher's signed digest of an object ({@code {server}{path}.merkle}),
 * which lets every chunk that arrives from a peer be verified before it is used.
 *
 * <p>Digests come from the content's servers, in order, and are checked against the descriptor's
 * publisher key, the content id and the object's path: a digest that does not verify is as good
 * as none. Thread-safe.
 */
final class Digests {
    private static final Logger LOG = LoggerFactory.getLogger(Digests.class);
    /** Appended to an object's URL on a server to name its digest. */
    static final String SUFFIX = ".merkle";

    private final HttpClient http;
    private final Duration timeout;
    private final TokenBucket downloadBucket;

    /**
     * @param timeout        longest wait for one server's answer
     * @param downloadBucket the agent's download link: digests cross it too
     */
    Digests(HttpClient http, Duration timeout, TokenBucket downloadBucket) {
        this.http = http;
        this.timeout = timeout;
        this.downloadBucket = downloadBucket;
    }

    /**
     * The verified digest of {@code key}, fetched on a virtual thread; empty when the content
     * signs no digests, or when no server gave one that verifies (the reason is logged).
     */
    CompletableFuture<Optional<SegmentDigest>> fetch(ContentSession session, SegmentKey key) {
        Optional<PublicKey> publisher = session.publisherKey();
        if (publisher.isEmpty() || ExternalPrefixes.isExternal(key.path())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<ContentSession.Upstream> upstreams = session.upstreams(key.path());
        CompletableFuture<Optional<SegmentDigest>> result = new CompletableFuture<>();
        Thread.ofVirtual().name("digest-" + key.path()).start(() -> result.complete(firstValid(upstreams, publisher.get(), key)));
        return result;
    }

    private Optional<SegmentDigest> firstValid(List<ContentSession.Upstream> upstreams, PublicKey publisher, SegmentKey key) {
        String last = "no server";
        for (ContentSession.Upstream u : upstreams) {
            URI url = URI.create(u.url() + SUFFIX);
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                byte[] body;
                try (InputStream in = r.body()) {
                    body = in.readNBytes(SignedDigest.MAX_ENCODED_BYTES + 1);
                }
                Pacing.pause(downloadBucket.reserve(body.length));
                if (r.statusCode() != 200) {
                    last = url + " answered " + r.statusCode();
                    continue;
                }
                return Optional.of(SignedDigest.decode(body).verify(publisher, key.content(), key.path()).digest());
            } catch (IntegrityException e) {
                last = url + ": " + e.getMessage();
            } catch (IOException e) {
                last = url + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        LOG.warn("no valid digest for {} ({}); fetching it from servers only", key, last);
        return Optional.empty();
    }
}
