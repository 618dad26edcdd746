package io.privastream.http;

import io.privastream.core.rate.Pacer;
import io.privastream.protocol.ErrorResponse;
import io.privastream.protocol.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writing answers from blocking handlers (they run on virtual threads). */
public final class Responses {
    /** Bytes written per paced chunk: small enough to keep an emulated link smooth. */
    public static final int PACED_CHUNK = Pacer.CHUNK_BYTES;

    /** Headers a browser player on another origin may read (CORS). */
    public static final String EXPOSED_HEADERS =
            "Content-Length, Content-Range, ETag, Accept-Ranges, Last-Modified, X-PrivaStream-Peer-Bytes, X-PrivaStream-Server-Bytes, X-PrivaStream-Streamed";

    private Responses() {
    }

    /** Adds the CORS headers that let browser players on any origin use the answer. */
    public static void cors(Response response) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    }

    /** Answers a CORS preflight (OPTIONS) with 204. */
    public static void preflight(Response response, Callback callback, String methods) {
        cors(response);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Range, If-None-Match, If-Modified-Since, If-Range, Content-Type");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(204);
        callback.succeeded();
    }

    /** Answers {@code status} with {@code body} of {@code contentType}, completing {@code callback}. */
    public static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Answers {@code status} with a JSON body. */
    public static void json(Response response, Callback callback, int status, Object body) {
        send(response, callback, status, ContentTypes.JSON, Json.write(body));
    }

    /** Answers {@code status} with {@code {"error": message}}; the message should quote the bad input. */
    public static void error(Response response, Callback callback, int status, String message) {
        if (response.isCommitted()) {
            callback.failed(new IOException("answer already started; cannot send error " + status + ": " + message));
            return;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        json(response, callback, status, new ErrorResponse(message));
    }

    /**
     * Writes {@code length} bytes of {@code data} from {@code offset}, paced by {@code bucket}, then
     * completes the response. Blocks the calling (virtual) thread.
     *
     * @param written hears the size of every chunk once it is written, so a meter counts the bytes
     *                that left even when the client hangs up half-way
     * @throws IOException if the client goes away
     */
    public static void writePaced(Response response, byte[] data, int offset, int length, Pacer bucket, LongConsumer written)
            throws IOException {
        int end = offset + length;
        int pos = offset;
        if (length == 0) {
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
            return;
        }
        while (pos < end) {
            int n = Math.min(PACED_CHUNK, end - pos);
            Pacing.pace(bucket, n);
            Content.Sink.write(response, pos + n == end, ByteBuffer.wrap(data, pos, n));
            written.accept(n);
            pos += n;
        }
    }
}
