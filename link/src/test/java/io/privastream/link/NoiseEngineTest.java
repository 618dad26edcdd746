package io.privastream.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Two Noise engines talking through byte buffers: the handshake, data, and what an attacker on the path can do. */
class NoiseEngineTest {
    private static final String HOST = "10.0.0.1";
    private static final int PORT = 4433;
    private final NodeIdentity serverId = NodeIdentity.generate();
    private final NodeIdentity clientId = NodeIdentity.generate();

    private static SSLEngine engine(NoiseCredentials credentials, boolean client) {
        SSLEngine e = new NoiseEngine(credentials, client ? HOST : null, client ? PORT : -1);
        e.setUseClientMode(client);
        return e;
    }

    private SSLEngine client(Pin serverPin) {
        Pins pins = new Pins();
        pins.put(HOST, PORT, serverPin);
        return engine(NoiseCredentials.create(clientId, new PinnedTrust(pins)), true);
    }

    private SSLEngine server() {
        return engine(NoiseCredentials.create(serverId, new PinnedTrust(new Pins())), false);
    }

    /** Everything {@code from} has to send now (handshake or close), as frames. */
    private static List<ByteBuffer> drain(SSLEngine from, List<HandshakeStatus> seen) throws SSLException {
        List<ByteBuffer> frames = new ArrayList<>();
        while (from.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer out = ByteBuffer.allocate(from.getSession().getPacketBufferSize());
            SSLEngineResult r = from.wrap(ByteBuffer.allocate(0), out);
            seen.add(r.getHandshakeStatus());
            frames.add(out.flip());
        }
        return frames;
    }

    /** Runs the handshake between {@code client} and {@code server}; returns every status the results reported. */
    private static List<HandshakeStatus> handshake(SSLEngine client, SSLEngine server) throws SSLException {
        List<HandshakeStatus> seen = new ArrayList<>();
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 6; step++) {
            for (ByteBuffer f : drain(client, seen)) {
                seen.add(server.unwrap(f, ByteBuffer.allocate(64)).getHandshakeStatus());
            }
            for (ByteBuffer f : drain(server, seen)) {
                seen.add(client.unwrap(f, ByteBuffer.allocate(64)).getHandshakeStatus());
            }
        }
        return seen;
    }

    /** {@code data} sealed by {@code from}, as the frames it wrote. */
    private static List<ByteBuffer> seal(SSLEngine from, byte[] data) throws SSLException {
        List<ByteBuffer> frames = new ArrayList<>();
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            ByteBuffer out = ByteBuffer.allocate(from.getSession().getPacketBufferSize());
            SSLEngineResult r = from.wrap(src, out);
            assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
            frames.add(out.flip());
        }
        return frames;
    }

    private static byte[] open(SSLEngine to, List<ByteBuffer> frames) throws SSLException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (ByteBuffer f : frames) {
            ByteBuffer plain = ByteBuffer.allocate(to.getSession().getApplicationBufferSize());
            to.unwrap(f, plain);
            assertThat(f.hasRemaining()).isFalse();
            got.write(plain.array(), 0, plain.position());
        }
        return got.toByteArray();
    }

    @Test
    void handshake_finishesOnBothEnds_andEachLearnsTheOthersPinnedKey() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        List<HandshakeStatus> seen = handshake(client, server);

        assertThat(seen).filteredOn(s -> s == HandshakeStatus.FINISHED).hasSize(2);
        assertThat(client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        assertThat(server.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        assertThat(Tls.clientPin(server.getSession())).contains(clientId.pin());
        assertThat(Pin.of((java.security.cert.X509Certificate) client.getSession().getPeerCertificates()[0])).isEqualTo(serverId.pin());
    }

    @Test
    void data_arrivesIntact_bothWays_inFramesNoLargerThanAdvertised() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        handshake(client, server);
        byte[] data = new byte[1_000_000];
        new Random(7).nextBytes(data);

        List<ByteBuffer> up = seal(client, data);
        List<ByteBuffer> down = seal(server, data);

        assertThat(up).allSatisfy(f -> assertThat(f.remaining()).isLessThanOrEqualTo(client.getSession().getPacketBufferSize()));
        assertThat(open(server, up)).isEqualTo(data);
        assertThat(open(client, down)).isEqualTo(data);
    }

    @Test
    void aFlippedBit_endsTheLink_andNothingOfThatFrameIsDelivered() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        handshake(client, server);
        List<ByteBuffer> frames = seal(client, new byte[5000]);
        ByteBuffer f = frames.getFirst();
        f.put(100, (byte) (f.get(100) ^ 1));
        ByteBuffer plain = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());

        assertThatThrownBy(() -> server.unwrap(f, plain)).isInstanceOf(SSLException.class).hasMessageContaining("authentication");
        assertThat(plain.position()).isZero();
        assertThat(server.unwrap(seal(client, new byte[10]).getFirst(), plain).getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
    }

    @Test
    void aReplayedFrame_isRefused() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        handshake(client, server);
        ByteBuffer f = seal(client, new byte[100]).getFirst();
        ByteBuffer copy = ByteBuffer.allocate(f.remaining()).put(f.duplicate()).flip();
        open(server, List.of(f));

        assertThatThrownBy(() -> open(server, List.of(copy))).isInstanceOf(SSLException.class);
    }

    @Test
    void aServerWithAnotherKey_isRefusedByTheClient() throws Exception {
        SSLEngine client = client(NodeIdentity.generate().pin());
        SSLEngine server = server();

        assertThatThrownBy(() -> handshake(client, server)).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("pinned");
    }

    @Test
    void anInterceptorReplayingTheServersProof_cannotFinishTheHandshake() throws Exception {
        SSLEngine client = client(serverId.pin());
        NoiseCredentials real = NoiseCredentials.create(serverId, new PinnedTrust(new Pins()));
        // The interceptor shows the server's certificate and signature, but its own link key.
        NoiseCredentials forged = new NoiseCredentials(serverId, NoiseHandshake.generateKeyPair(), real.proof(), real.trust());

        assertThatThrownBy(() -> handshake(client, engine(forged, false)))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("did not sign");
    }

    @Test
    void aTlsClientHello_getsAnErrorNamingTheProtocolMismatch() {
        SSLEngine server = server();
        ByteBuffer hello = ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 1, 2, 3});

        assertThatThrownBy(() -> server.unwrap(hello, ByteBuffer.allocate(100)))
                .isInstanceOf(SSLException.class).hasMessageContaining("16 03").hasMessageContaining(LinkProtocol.PROPERTY);
    }

    @Test
    void close_isAnAuthenticatedFrame_thatEndsTheOthersInbound() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        handshake(client, server);
        client.closeOutbound();
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());

        assertThat(client.wrap(ByteBuffer.allocate(0), out).getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
        assertThat(client.isOutboundDone()).isTrue();
        SSLEngineResult r = server.unwrap(out.flip(), ByteBuffer.allocate(100));
        assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
        assertThat(server.isInboundDone()).isTrue();
    }

    @Test
    void aPartialFrame_asksForMoreBytes_withoutConsumingAny() throws Exception {
        SSLEngine client = client(serverId.pin());
        SSLEngine server = server();
        handshake(client, server);
        ByteBuffer f = seal(client, new byte[3000]).getFirst();
        ByteBuffer part = f.duplicate().limit(1000);

        SSLEngineResult r = server.unwrap(part, ByteBuffer.allocate(5000));
        assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.BUFFER_UNDERFLOW);
        assertThat(r.bytesConsumed()).isZero();
        assertThat(open(server, List.of(f))).hasSize(3000);
    }

    @Test
    void junkBytes_onlyEverEndInAnSslErrorOrAWaitForMore() throws Exception {
        NoiseCredentials credentials = NoiseCredentials.create(serverId, new PinnedTrust(new Pins()));
        Random random = new Random(11);
        int errors = 0;
        for (int i = 0; i < 2000; i++) {
            SSLEngine server = engine(credentials, false);
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length >= 3) {
                // Half of them with a plausible header, so the body is what gets looked at.
                junk[0] = (byte) (1 + random.nextInt(3));
                junk[1] = (byte) ((junk.length - 3) >>> 8);
                junk[2] = (byte) (junk.length - 3);
            }
            try {
                SSLEngineResult r = server.unwrap(ByteBuffer.wrap(junk), ByteBuffer.allocate(NoiseEngine.MAX_PLAIN));
                // A first message is 32 bytes the responder cannot tell from a key: it may answer.
                assertThat(r.getStatus()).isIn(SSLEngineResult.Status.OK, SSLEngineResult.Status.BUFFER_UNDERFLOW);
            } catch (SSLException e) {
                errors++;
            }
        }
        assertThat(errors).isGreaterThan(1000);
    }

    @Test
    void aJunkSecondMessage_failsTheClientsHandshake() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 50; i++) {
            SSLEngine client = client(serverId.pin());
            client.beginHandshake();
            drain(client, new ArrayList<>());
            byte[] body = new byte[32 + random.nextInt(600)];
            random.nextBytes(body);
            ByteBuffer frame = ByteBuffer.allocate(3 + body.length).put((byte) 1).putShort((short) body.length).put(body).flip();

            assertThatThrownBy(() -> client.unwrap(frame, ByteBuffer.allocate(100))).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
