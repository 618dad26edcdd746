package io.privastream.tracker;

import io.privastream.core.media.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;

/** Reads a JSON request body, refusing a wrong media type or an oversized body early. */
final class RequestBody {
    /**
     * Most bytes of a refused body read and thrown away ({@link #drain}), so that the client,
     * still sending, gets to read the refusal (a 413 among them): closing on a client mid-send
     * resets the connection and loses the answer (what nginx's lingering close avoids). Nothing
     * past the limit is kept.
     */
    static final long MAX_DISCARD_BYTES = 4L << 20;

    private RequestBody() {
    }

    /**
     * The body of {@code request}, at most {@code maxBytes} long.
     *
     * @throws HttpProblem 415 if the body is not declared {@code application/json} (UTF-8), 413 if it
     *                     is longer than {@code maxBytes}: decided from {@code Content-Length} before
     *                     reading, else as soon as the bytes read pass the limit; the caller reads the
     *                     rest away with {@link #drain}
     * @throws IOException if the client went away, broke the body off or was too slow (idle timeout)
     */
    static byte[] readJson(Request request, long maxBytes) throws IOException {
        checkJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw HttpProblem.tooLarge(maxBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, maxBytes)));
        while (true) {
            Content.Chunk chunk = next(request);
            long total = body.size() + (long) chunk.remaining();
            boolean last = chunk.isLast();
            if (total > maxBytes) {
                chunk.release();
                throw HttpProblem.tooLarge(maxBytes);
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.write(copy);
            } finally {
                chunk.release();
            }
            if (last) {
                return body.toByteArray();
            }
        }
    }

    /**
     * Reads and drops what is left of {@code request}'s body (nothing if it was read), at most
     * {@link #MAX_DISCARD_BYTES} and not at all if it declares more: for an answer refused before
     * its body was read (wrong path, method or media type) or wholly read (over the limit). A
     * connection left with unread bytes is closed under the client, and the client's next
     * request on it fails with no answer at all.
     *
     * @throws IOException if the client went away or broke the body off
     */
    static void drain(Request request) throws IOException {
        if (request.getLength() > MAX_DISCARD_BYTES) {
            return;
        }
        long read = 0;
        while (read <= MAX_DISCARD_BYTES) {
            Content.Chunk chunk = next(request);
            read += chunk.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                return;
            }
        }
    }

    /** The next chunk of the body, blocking this (virtual) thread until there is one. */
    private static Content.Chunk next(Request request) throws IOException {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                try (Blocker.Runnable more = Blocker.runnable()) {
                    request.demand(more);
                    more.block();
                }
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                chunk.release();
                // Jetty's "quiet" type: failing the request with it is logged at DEBUG, not WARN.
                throw failure instanceof EofException eof ? eof : new EofException(failure);
            }
            return chunk;
        }
    }

    /** Accepts {@code application/json} with no charset or UTF-8 (RFC 8259 §8.1: JSON is UTF-8). */
    private static void checkJson(String contentType) {
        if (contentType == null) {
            throw new HttpProblem(415, "request body must be application/json; no Content-Type was given");
        }
        String[] parts = contentType.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                json = false;
            }
        }
        if (!json) {
            throw new HttpProblem(415, "request body must be application/json in UTF-8, got '" + Text.quote(contentType) + "'");
        }
    }
}
