package io.privastream.tracker;

import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself (an unparsable URI, headers too large, an uncaught
 * throwable) in the tracker's one error form, an {@code ErrorResponse}, whatever the client
 * accepts.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        Answer.error(code, message).send(response, callback);
    }
}
