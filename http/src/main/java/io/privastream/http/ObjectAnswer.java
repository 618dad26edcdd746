package io.privastream.http;

import io.privastream.core.media.ByteRange;
import io.privastream.core.rate.Pacer;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a GET or HEAD for an object held in memory, honouring {@code Range} (RFC 9110 §14):
 * 200 with the whole object, 206 with one range and {@code Content-Range}, or 416.
 *
 * <p>The caller sets any other headers (ETag, caching, attribution) before calling.
 */
public final class ObjectAnswer {
    private ObjectAnswer() {
    }

    /**
     * Sends {@code data} (or the range the request asks for), paced by {@code bucket}, and
     * completes {@code callback}.
     *
     * @return the number of body bytes written (0 for HEAD and 416)
     * @throws IOException if the client went away mid-answer (the callback is then failed)
     */
    public static long send(Request request, Response response, Callback callback, byte[] data, String contentType, Pacer bucket)
            throws IOException {
        return send(request, response, callback, data, contentType, bucket, true, n -> { });
    }

    /**
     * As {@link #send(Request, Response, Callback, byte[], String, Pacer)}; with
     * {@code honourRange} false the whole object is sent (an {@code If-Range} that did not match,
     * RFC 9110 §13.1.5); {@code written} hears each chunk as it leaves (bytes sent before a client
     * hung up count too).
     */
    public static long send(Request request, Response response, Callback callback, byte[] data, String contentType, Pacer bucket,
            boolean honourRange, LongConsumer written) throws IOException {
        Optional<String> header = honourRange ? Optional.ofNullable(request.getHeaders().get(HttpHeader.RANGE)) : Optional.empty();
        RangeRequest range = RangeRequest.parse(header, data.length);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        ByteRange body = switch (range) {
            case RangeRequest.Whole w -> {
                response.setStatus(200);
                yield new ByteRange(0, data.length);
            }
            case RangeRequest.Partial p -> {
                response.setStatus(206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, RangeRequest.contentRange(p.range(), data.length));
                yield p.range();
            }
            case RangeRequest.Unsatisfiable u -> {
                response.setStatus(416);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, RangeRequest.unsatisfiedRange(data.length));
                yield new ByteRange(0, 0);
            }
        };
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length());
        if (HttpMethod.HEAD.is(request.getMethod()) || body.isEmpty()) {
            response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
            return 0;
        }
        try {
            Responses.writePaced(response, data, (int) body.start(), (int) body.length(), bucket, written);
        } catch (IOException e) {
            callback.failed(e);
            throw e;
        }
        callback.succeeded();
        return body.length();
    }
}
