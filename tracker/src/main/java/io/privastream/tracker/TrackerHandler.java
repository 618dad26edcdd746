package io.privastream.tracker;

import io.privastream.core.media.Text;
import io.privastream.core.swarm.InvalidSwarmRequestException;
import io.privastream.core.swarm.NotInSwarmException;
import io.privastream.core.swarm.SwarmLimitException;
import io.privastream.protocol.Json;
import java.io.IOException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes tracker requests and is the boundary where every failure becomes an answer: nothing a
 * client sends escapes as an exception into Jetty. Blocking (it reads bodies on its own
 * virtual thread), stateless, thread-safe.
 */
final class TrackerHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerHandler.class);

    private final SwarmEndpoints swarms;
    private final LedgerEndpoints ledger;

    TrackerHandler(SwarmEndpoints swarms, LedgerEndpoints ledger) {
        super(Invocable.InvocationType.BLOCKING);
        this.swarms = swarms;
        this.ledger = ledger;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Answer answer;
        try {
            answer = route(request);
        } catch (HttpProblem e) {
            // Refused at the HTTP level (path, method, media type, size, query): the client's fault.
            answer = Answer.of(e);
            try {
                RequestBody.drain(request);
            } catch (IOException gone) {
                callback.failed(gone);
                return true;
            }
        } catch (Json.MalformedMessageException | InvalidSwarmRequestException e) {
            // Not valid JSON, or values the records or the book reject: the client's fault.
            answer = Answer.error(400, e.getMessage());
        } catch (NotInSwarmException e) {
            // Never joined, left or expired: the agent joins again on 404.
            answer = Answer.error(404, e.getMessage());
        } catch (SwarmLimitException e) {
            // Too many holdings is the peer's to fix (413); a full swarm or tracker may clear (429).
            answer = Answer.error(e.limit() == SwarmLimitException.Limit.HOLDINGS_PER_PEER ? 413 : 429, e.getMessage());
        } catch (IOException e) {
            // The client hung up or broke its body off: nobody is left to answer; routine.
            LOG.debug("client {} went away during {} {}: {}", Request.getRemoteAddr(request), request.getMethod(),
                    Text.quote(request.getHttpURI().getPath()), e.toString());
            callback.failed(e);
            return true;
        } catch (RuntimeException e) {
            // A bug of ours: say so, keep serving. The book's changes are atomic, so no state is half-done.
            LOG.warn("unexpected failure answering {} {}", request.getMethod(), Text.quote(request.getHttpURI().getPath()), e);
            answer = Answer.error(500, "internal error in the tracker");
        }
        answer.send(response, callback);
        return true;
    }

    private Answer route(Request request) throws IOException {
        String path = Request.getPathInContext(request);
        if (path.equals("/healthz")) {
            if (!request.getMethod().equals("GET")) {
                throw HttpProblem.methodNotAllowed(request.getMethod(), "GET");
            }
            return Answer.text("ok\n");
        }
        if (path.equals("/v1/open")) {
            return swarms.open(request);
        }
        if (path.startsWith("/v1/ledger/")) {
            return ledger.answer(request, path.substring("/v1/ledger/".length()));
        }
        String[] parts = path.split("/", -1); // "", "v1", "swarms", id, operation
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("v1") && parts[2].equals("swarms")) {
            return swarms.answer(request, parts[3], parts[4]);
        }
        throw new HttpProblem(404, "no such resource: '" + Text.quote(path) + "'");
    }
}
