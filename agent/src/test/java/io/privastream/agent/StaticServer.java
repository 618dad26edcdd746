package io.privastream.agent;

import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.ContentTypes;
import io.privastream.http.HttpServers;
import io.privastream.http.ObjectAnswer;
import io.privastream.http.Responses;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A plain web server (like nginx serving a directory): path → bytes, with Range. */
final class StaticServer implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Server server = HttpServers.create("static");
    private final ServerConnector connector = HttpServers.listen(server, "static", "127.0.0.1", 0);

    StaticServer() {
        TokenBucket unpaced = TokenBucket.unlimited(Ticker.system());
        HttpServers.start(server, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                byte[] data = files.get(path);
                if (data == null) {
                    Responses.error(response, callback, 404, "no " + path);
                    return true;
                }
                ObjectAnswer.send(request, response, callback, data, ContentTypes.forPath(path), unpaced);
                return true;
            }
        });
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + HttpServers.port(connector) + path);
    }

    @Override
    public void close() {
        HttpServers.stopQuietly(server);
    }
}
