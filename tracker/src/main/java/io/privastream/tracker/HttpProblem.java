package io.privastream.tracker;

import java.util.Map;

/**
 * A request the tracker refuses at the HTTP level (unknown path, wrong method or media type,
 * body too large, bad query); carries the status and the one-line reason for the client.
 */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    HttpProblem(int status, String message) {
        this(status, message, Map.of());
    }

    private HttpProblem(int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // expected, so no stack trace to fill
        this.status = status;
        this.headers = headers;
    }

    /** 405 with the {@code Allow} header RFC 9110 §15.5.6 requires. */
    static HttpProblem methodNotAllowed(String method, String allowed) {
        return new HttpProblem(405, "method " + method + " is not allowed here; use " + allowed, Map.of("Allow", allowed));
    }

    /**
     * 413 for a body over the limit, with {@code Connection: close}: the server does not read the
     * rest of such a body, so the connection cannot carry another request, and a client that
     * pooled it would send its next request into a closing socket.
     */
    static HttpProblem tooLarge(long maxBytes) {
        return new HttpProblem(413, "request body is larger than the limit of " + maxBytes + " bytes", Map.of("Connection", "close"));
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
