package io.privastream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.link.NodeIdentity;
import io.privastream.link.Pins;
import io.privastream.link.Tls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS 1.3 links between a Jetty server and the JDK client, authenticated by pinned keys only. */
class TlsLinkTest {
    private final NodeIdentity serverId = NodeIdentity.generate();
    private final NodeIdentity clientId = NodeIdentity.generate();
    private Server server;
    private ServerConnector connector;

    @BeforeEach
    void start() {
        server = HttpServers.create("tls-test");
        connector = HttpServers.listen(server, "tls", "127.0.0.1", 0, Optional.of(Tls.context(serverId, new Pins())));
        HttpServers.start(server, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String who = Links.clientPin(request).map(Object::toString).orElse("anonymous");
                String protocol = request.getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE)
                        instanceof org.eclipse.jetty.io.EndPoint.SslSessionData d ? d.sslSession().getProtocol() + " " + d.cipherSuite() : "plain";
                Responses.send(response, callback, 200, "text/plain", (who + " " + protocol).getBytes(StandardCharsets.UTF_8));
                return true;
            }
        });
    }

    @AfterEach
    void stop() {
        HttpServers.stopQuietly(server);
    }

    private HttpClient client(Pins pins) {
        return HttpClient.newBuilder().sslContext(Tls.context(clientId, pins)).sslParameters(Tls.clientParameters())
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private HttpResponse<String> get(HttpClient client) throws IOException, InterruptedException {
        URI url = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pinnedServer_answers_overTls13_andLearnsTheClientsKey() throws Exception {
        Pins pins = new Pins();
        pins.put("127.0.0.1", connector.getLocalPort(), serverId.pin());
        try (HttpClient client = client(pins)) {
            HttpResponse<String> r = get(client);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(clientId.pin() + " TLSv1.3 TLS_AES_128_GCM_SHA256");
        }
    }

    @Test
    void serverWithAnotherKey_isRefused() {
        Pins pins = new Pins();
        pins.put("127.0.0.1", connector.getLocalPort(), NodeIdentity.generate().pin());
        try (HttpClient client = client(pins)) {
            assertThatThrownBy(() -> get(client)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void serverWithoutPin_isRefused() {
        try (HttpClient client = client(new Pins())) {
            assertThatThrownBy(() -> get(client)).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
