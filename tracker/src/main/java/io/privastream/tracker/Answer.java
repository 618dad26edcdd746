package io.privastream.tracker;

import io.privastream.protocol.ErrorResponse;
import io.privastream.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One HTTP answer, decided before anything is written, so that every path ends in one write. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final int MAX_ERROR_CHARS = 300;
    private static final byte[] NO_BODY = new byte[0];

    static Answer json(int status, Object value) {
        return new Answer(status, "application/json", Json.write(value), Map.of());
    }

    static Answer noContent() {
        return new Answer(204, "", NO_BODY, Map.of());
    }

    static Answer text(String text) {
        return new Answer(200, "text/plain;charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An {@link ErrorResponse} whose text is kept to one bounded line, whatever the input was. */
    static Answer error(int status, String message) {
        return json(status, new ErrorResponse(oneLine(message)));
    }

    static Answer of(HttpProblem problem) {
        return error(problem.status(), problem.getMessage()).withHeaders(problem.headers());
    }

    Answer withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, contentType, body, Map.copyOf(all));
    }

    static String oneLine(String message) {
        String text = message == null || message.isBlank() ? "request refused" : message;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ERROR_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_ERROR_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }

    void send(Response response, Callback callback) {
        response.setStatus(status);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        if (!contentType.isEmpty()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
