package io.privastream.player;

import io.privastream.core.media.ByteRange;
import io.privastream.core.media.Text;
import io.privastream.core.time.Ticker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player's HTTP: every request with a timeout covering headers and body, bounded retries,
 * counters, byte attribution from the agent's headers, and cancellation when the session ends.
 * Thread-safe: the play loop calls it, {@link #cancel()} may come from any thread.
 */
final class Http {
    static final String PEER_BYTES = "X-PrivaStream-Peer-Bytes";
    static final String SERVER_BYTES = "X-PrivaStream-Server-Bytes";
    /** An agent's answer that began before the object was complete: the split comes from a HEAD afterwards. */
    static final String STREAMED = "X-PrivaStream-Streamed";
    private static final Logger log = LoggerFactory.getLogger(Http.class);

    /** A manifest body, its content type, and the URL it finally came from (after redirects). */
    record Body(String text, String contentType, URI uri) {
    }

    /** Decides, between attempts and while a request runs, whether the session is over. */
    interface Guard {
        /** Throws if the session must end; otherwise returns the ticker time by which it will (Long.MAX_VALUE: never). */
        long check() throws SessionOver;

        /** Sleeps until {@code deadlineNanos} or the session ends. */
        void sleepUntil(long deadlineNanos) throws SessionOver;
    }

    private final HttpClient client;
    private final PlayerConfig config;
    private final Ticker ticker;
    private final Guard guard;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile CompletableFuture<?> inFlight;
    private boolean warnedAboutHeaders;

    Http(HttpClient client, PlayerConfig config, Ticker ticker, Guard guard) {
        this.client = client;
        this.config = config;
        this.ticker = ticker;
        this.guard = guard;
    }

    long requests() {
        return requests.get();
    }

    long failures() {
        return failures.get();
    }

    long bytesReceived() {
        return bytes.get();
    }

    /** Aborts the request in flight, if any. */
    void cancel() {
        CompletableFuture<?> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
    }

    /** GETs a manifest as UTF-8 text. */
    Body text(URI uri) throws FetchException, SessionOver {
        HttpResponse<byte[]> response = withRetries(uri, Optional.empty(), HttpResponse.BodyHandlers.ofByteArray(), new long[1]);
        bytes.addAndGet(response.body().length);
        return new Body(new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("Content-Type").orElse(""), response.uri());
    }

    /** GETs a segment (or a range of one), counting its bytes without keeping them. */
    Download segment(URI uri, Optional<ByteRange> range) throws FetchException, SessionOver {
        long[] firstByte = new long[1];
        HttpResponse.BodyHandler<Long> counting = info -> {
            firstByte[0] = ticker.nanos();
            return HttpResponse.BodySubscribers.fromSubscriber(new CountingSubscriber(), CountingSubscriber::count);
        };
        long[] sentAt = new long[1];
        HttpResponse<Long> response = withRetries(uri, range, counting, sentAt);
        long done = ticker.nanos();
        long sent = sentAt[0];
        long n = response.body();
        bytes.addAndGet(n);
        HttpResponse<?> split = response;
        if (response.headers().firstValue(STREAMED).isPresent()) {
            split = splitAfterStreaming(uri, range).orElse(null);
        }
        OptionalLong peer = split == null ? OptionalLong.empty() : header(split, PEER_BYTES);
        OptionalLong server = split == null ? OptionalLong.empty() : header(split, SERVER_BYTES);
        long peerBytes;
        long serverBytes;
        if (peer.isEmpty() && server.isEmpty()) {
            peerBytes = 0; // a plain origin: everything came from servers
            serverBytes = n;
        } else {
            peerBytes = peer.orElse(Math.max(0, n - server.orElse(0)));
            serverBytes = server.orElse(Math.max(0, n - peerBytes));
        }
        return new Download(n, peerBytes, serverBytes, sent, Math.max(sent, firstByte[0]), done);
    }

    /**
     * Asks an agent, with a HEAD, where the bytes of an object it streamed came from: it knows
     * once the download ended, and answers from its cache. Not timed and not retried (it only
     * feeds the peer/server accounting); empty when it fails.
     */
    private Optional<HttpResponse<Void>> splitAfterStreaming(URI uri, Optional<ByteRange> range) {
        HttpRequest.Builder head = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(config.requestTimeout());
        range.ifPresent(r -> head.header("Range", r.toHttpHeader()));
        try {
            HttpResponse<Void> r = client.send(head.build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 || r.statusCode() == 206 ? Optional.of(r) : Optional.empty();
        } catch (IOException e) {
            log.debug("HEAD {} for the peer/server split failed: {}", uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private OptionalLong header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(value.get().strip());
            if (v >= 0) {
                return OptionalLong.of(v);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (!warnedAboutHeaders) {
            warnedAboutHeaders = true;
            log.warn("ignoring malformed {}: '{}' from {}", name, Text.quote(value.get()), response.uri());
        }
        return OptionalLong.empty();
    }

    /** Sends until a 200/206 comes; {@code sentAt[0]} receives when the successful attempt was sent. */
    private <T> HttpResponse<T> withRetries(URI uri, Optional<ByteRange> range, HttpResponse.BodyHandler<T> handler, long[] sentAt)
            throws FetchException, SessionOver {
        String lastProblem = "";
        int lastStatus = 0;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                guard.sleepUntil(ticker.nanos() + config.retryDelay().toNanos());
            }
            long deadline = Math.min(guard.check(), ticker.nanos() + config.requestTimeout().toNanos());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(config.requestTimeout());
            range.ifPresent(r -> request.header("Range", r.toHttpHeader()));
            requests.incrementAndGet();
            sentAt[0] = ticker.nanos();
            CompletableFuture<HttpResponse<T>> future = client.sendAsync(request.build(), handler);
            inFlight = future;
            try {
                HttpResponse<T> response = future.get(Math.max(0, deadline - ticker.nanos()), TimeUnit.NANOSECONDS);
                int status = response.statusCode();
                if (status == 200 || status == 206) {
                    return response;
                }
                lastStatus = status;
                lastProblem = "HTTP " + status;
            } catch (TimeoutException e) {
                future.cancel(true);
                guard.check(); // the session limit, rather than the request timeout, may have run out
                lastProblem = "no complete answer within " + config.requestTimeout();
            } catch (CancellationException e) {
                guard.check(); // cancelled by stop(): throws SessionOver
                lastProblem = "cancelled";
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new SessionOver(PlayerReport.End.STOPPED);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                lastProblem = cause instanceof HttpTimeoutException ? "no response within " + config.requestTimeout()
                        : cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        : String.valueOf(cause);
            } finally {
                inFlight = null;
            }
            // A request aborted because the session ended (stop() cancels it; the JDK may report
            // that as an ExecutionException) is not a failure of the server: end here, uncounted.
            guard.check();
            failures.incrementAndGet();
            // A failed request is expected now and then (a live segment not yet there, a reset
            // connection); the retry decides, so this is DEBUG, and the final failure is the caller's to report.
            log.debug("GET {} failed (attempt {} of {}): {}", uri, attempt + 1, config.maxRetries() + 1, lastProblem);
        }
        throw new FetchException("GET " + Text.quote(uri.toString()) + " failed after "
                + (config.maxRetries() + 1) + " attempts: " + lastProblem, lastStatus);
    }

    /** Counts body bytes and drops them: the player does not decode media. */
    private static final class CountingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            long n = 0;
            for (ByteBuffer b : item) {
                n += b.remaining();
            }
            count.addAndGet(n);
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future fails with it
        }

        @Override
        public void onComplete() {
            // the finisher reads the count
        }

        long count() {
            return count.get();
        }
    }
}
