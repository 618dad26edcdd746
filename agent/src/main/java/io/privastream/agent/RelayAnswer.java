package io.privastream.agent;

import io.privastream.core.media.ByteRange;
import io.privastream.core.rate.Pacer;
import io.privastream.http.Pacing;
import io.privastream.http.RangeRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request for an object this agent is still downloading, passing the bytes on as they
 * arrive and are verified (cut-through): to a peer (this agent relays), or to the player (its
 * first byte comes as soon as the object's first chunk is here, so a player measuring its
 * downloads sees the sources' pace rather than a wait for the whole object). If the download
 * fails or stalls, the answer is cut short: the requester sees a short body and gets the object
 * elsewhere or again.
 */
final class RelayAnswer {
    /**
     * How long an answer waits for the object's size and, once sending, for each next byte.
     *
     * @param sizeNanos  wait for the size before giving up with nothing sent
     * @param bytesNanos wait for the next byte before cutting the answer short
     */
    record Waits(long sizeNanos, long bytesNanos) {
        /** For a peer: it has other sources, so give up soon (2 s for the size, 3 s per byte). */
        static final Waits PEER = new Waits(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(3));
    }
    private static final int CHUNK = Pacer.CHUNK_BYTES;

    private RelayAnswer() {
    }

    /**
     * @param written hears each chunk as it leaves
     * @param waits   how long to wait for the size and for each next byte
     * @return body bytes sent, or -1 when the size did not become known in time (nothing was
     *         sent; the caller answers 404)
     * @throws IOException when the requester went away
     */
    static long send(Request request, Response response, Callback callback, GrowingObject object, String contentType, Pacer bucket,
            LongConsumer written, Waits waits) throws IOException, InterruptedException {
        OptionalLong size = object.awaitSize(waits.sizeNanos());
        if (size.isEmpty()) {
            return -1;
        }
        long length = size.getAsLong();
        RangeRequest range = RangeRequest.parse(Optional.ofNullable(request.getHeaders().get(HttpHeader.RANGE)), length);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        ByteRange body = switch (range) {
            case RangeRequest.Whole w -> {
                response.setStatus(200);
                yield new ByteRange(0, length);
            }
            case RangeRequest.Partial p -> {
                response.setStatus(206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, RangeRequest.contentRange(p.range(), length));
                yield p.range();
            }
            case RangeRequest.Unsatisfiable u -> {
                response.setStatus(416);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, RangeRequest.unsatisfiedRange(length));
                yield new ByteRange(0, 0);
            }
        };
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length());
        if (HttpMethod.HEAD.is(request.getMethod()) || body.isEmpty()) {
            response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
            return 0;
        }
        byte[] chunk = new byte[CHUNK];
        long offset = body.start();
        try {
            while (offset < body.end()) {
                int n = object.read(offset, chunk, (int) Math.min(CHUNK, body.end() - offset), waits.bytesNanos());
                if (n < 0) {
                    // The download failed or stalled: cut the answer short so the requester moves on.
                    IOException cut = new IOException("relayed download stopped at " + offset + " of " + length);
                    callback.failed(cut);
                    return offset - body.start();
                }
                Pacing.pace(bucket, n);
                Content.Sink.write(response, offset + n == body.end(), ByteBuffer.wrap(chunk, 0, n));
                written.accept(n);
                offset += n;
            }
        } catch (IOException e) {
            callback.failed(e);
            throw e;
        }
        callback.succeeded();
        return body.length();
    }
}
