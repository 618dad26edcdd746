package io.privastream.http;

import io.privastream.link.Pin;
import io.privastream.link.Tls;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/** What a handler can learn about the link a request came over. */
public final class Links {
    private Links() {
    }

    /** The key the client proved it holds on an encrypted link; empty on plain HTTP or without a client key. */
    public static Optional<Pin> clientPin(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data) {
            return Tls.clientPin(data.sslSession());
        }
        return Optional.empty();
    }

    /** The address the request's connection comes from (a relay's, in relayed mode). */
    public static Optional<InetSocketAddress> remote(Request request) {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? Optional.of(i) : Optional.empty();
    }
}
