package io.privastream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pins;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Links of each protocol between a Jetty server and the JDK client, authenticated by pinned keys only. */
class EncryptedLinkTest {
    private static final byte[] BIG = new byte[2_500_000];
    private final NodeIdentity serverId = NodeIdentity.generate();
    private final NodeIdentity clientId = NodeIdentity.generate();
    private Server server;
    private ServerConnector connector;

    static {
        new Random(3).nextBytes(BIG);
    }

    private void start(LinkProtocol protocol) {
        server = HttpServers.create("link-test");
        connector = HttpServers.listen(server, "link", "127.0.0.1", 0, Optional.of(protocol.context(serverId, new Pins())));
        HttpServers.start(server, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getHttpURI().getPath().equals("/big")) {
                    Responses.send(response, callback, 200, "application/octet-stream", BIG);
                    return true;
                }
                String who = Links.clientPin(request).map(Object::toString).orElse("anonymous");
                String link = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d
                        ? d.sslSession().getProtocol() + " " + d.cipherSuite() : "plain";
                Responses.send(response, callback, 200, "text/plain", (who + " " + link).getBytes(StandardCharsets.UTF_8));
                return true;
            }
        });
    }

    @AfterEach
    void stop() {
        HttpServers.stopQuietly(server);
    }

    private HttpClient client(LinkProtocol protocol, Pins pins) {
        return HttpClient.newBuilder().sslContext(protocol.context(clientId, pins)).sslParameters(protocol.clientParameters())
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private Pins pinned() {
        Pins pins = new Pins();
        pins.put("127.0.0.1", connector.getLocalPort(), serverId.pin());
        return pins;
    }

    private <T> HttpResponse<T> get(HttpClient client, String path, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        URI url = URI.create("https://127.0.0.1:" + connector.getLocalPort() + path);
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(), body);
    }

    @ParameterizedTest
    @EnumSource(LinkProtocol.class)
    void pinnedServer_answers_andLearnsTheClientsKey(LinkProtocol protocol) throws Exception {
        start(protocol);
        try (HttpClient client = client(protocol, pinned())) {
            HttpResponse<String> r = get(client, "/", HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(clientId.pin() + " " + switch (protocol) {
                case NOISE -> "NoiseXX Noise_XX_25519_AESGCM_SHA256";
                case TLS -> "TLSv1.3 TLS_AES_128_GCM_SHA256";
            });
        }
    }

    @ParameterizedTest
    @EnumSource(LinkProtocol.class)
    void aLargeBody_arrivesIntact_overTwoRequestsOnOneLink(LinkProtocol protocol) throws Exception {
        start(protocol);
        try (HttpClient client = client(protocol, pinned())) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> r = get(client, "/big", HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(BIG);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LinkProtocol.class)
    void serverWithAnotherKey_isRefused(LinkProtocol protocol) {
        start(protocol);
        Pins pins = new Pins();
        pins.put("127.0.0.1", connector.getLocalPort(), NodeIdentity.generate().pin());
        try (HttpClient client = client(protocol, pins)) {
            assertThatThrownBy(() -> get(client, "/", HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(LinkProtocol.class)
    void serverWithoutPin_isRefused(LinkProtocol protocol) {
        start(protocol);
        try (HttpClient client = client(protocol, new Pins())) {
            assertThatThrownBy(() -> get(client, "/", HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aTlsClient_atANoiseServer_failsCleanly_andTheServerGoesOn() throws Exception {
        start(LinkProtocol.NOISE);
        try (HttpClient tls = client(LinkProtocol.TLS, pinned())) {
            assertThatThrownBy(() -> get(tls, "/", HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLException.class);
        }
        try (HttpClient noise = client(LinkProtocol.NOISE, pinned())) {
            assertThat(get(noise, "/", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
