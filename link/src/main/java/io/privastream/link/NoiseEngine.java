package io.privastream.link;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * A Noise XX link behind the {@link SSLEngine} interface, so that Jetty's connectors and the
 * JDK's HTTP client carry HTTP over it unchanged (see {@link NoiseLinks} for why).
 *
 * <p>On the wire every message is a frame: a 3-byte header (type, then body length as an
 * unsigned 16-bit big-endian number) and the body. Handshake frames carry Noise's three
 * messages; after them, data frames carry up to {@link #MAX_PLAIN} bytes sealed with
 * AES-256-GCM, the header as associated data; a close frame is a sealed empty message, so a
 * truncation cannot be forged. Any malformed, out-of-order or unauthentic frame ends the link
 * with an {@link SSLException}.
 *
 * <p>Wrap and unwrap may run on different threads at once (the JDK client does); each
 * direction has its own lock and cipher, and the handshake state is guarded by the engine.
 */
final class NoiseEngine extends SSLEngine {
    static final int HEADER = 3;
    /** Largest frame body (a Noise message's limit). */
    static final int MAX_BODY = 65_536 - HEADER;
    /** Largest frame on the wire. */
    static final int MAX_FRAME = HEADER + MAX_BODY;
    /** Most plaintext one data frame carries. */
    static final int MAX_PLAIN = MAX_BODY - NoiseCipher.TAG;
    /** Below this many plaintext bytes of room a wrap asks for a larger buffer rather than cut a small frame. */
    private static final int MIN_FIT = 16 * 1024;
    private static final byte HANDSHAKE = 1;
    private static final byte DATA = 2;
    private static final byte CLOSE = 3;
    private static final SecureRandom IDS = new SecureRandom();

    private final NoiseCredentials credentials;
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private final byte[] sendHeader = new byte[HEADER];
    private final byte[] receiveHeader = new byte[HEADER];
    private final NoiseSession session;
    private boolean clientMode;
    private boolean started;
    private NoiseHandshake handshake;
    private byte[] pendingOut;
    private volatile boolean established;
    private volatile boolean outboundClosed;
    private volatile boolean closeSent;
    private volatile boolean inboundDone;
    private NoiseCipher sender;
    private NoiseCipher receiver;
    private ByteBuffer gather;
    private boolean payloadChecked;

    NoiseEngine(NoiseCredentials credentials, String host, int port) {
        super(host, port);
        this.credentials = credentials;
        byte[] id = new byte[16];
        IDS.nextBytes(id);
        this.session = new NoiseSession(id, host, port, credentials.identity().certificate());
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        synchronized (sendLock) {
            if (closeSent || inboundDone && !established) {
                return result(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            if (!established) {
                synchronized (this) {
                    if (!established) {
                        return wrapHandshake(dst);
                    }
                }
            }
            if (outboundClosed) {
                if (dst.remaining() < HEADER + NoiseCipher.TAG) {
                    return result(Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
                }
                seal(CLOSE, ByteBuffer.allocate(0), dst);
                closeSent = true;
                return result(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, HEADER + NoiseCipher.TAG);
            }
            return wrapData(srcs, offset, length, dst);
        }
    }

    private SSLEngineResult wrapData(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        long available = 0;
        int first = -1;
        int nonEmpty = 0;
        for (int i = offset; i < offset + length; i++) {
            int r = srcs[i].remaining();
            if (r > 0) {
                available += r;
                nonEmpty++;
                first = first < 0 ? i : first;
            }
        }
        if (available == 0) {
            return result(Status.OK, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        int room = dst.remaining() - HEADER - NoiseCipher.TAG;
        int n = (int) Math.min(available, MAX_PLAIN);
        if (room < n) {
            if (room < MIN_FIT) {
                return result(Status.BUFFER_OVERFLOW, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            n = room;
        }
        ByteBuffer plain;
        ByteBuffer head = srcs[first];
        if (nonEmpty == 1 || head.remaining() >= n) {
            n = Math.min(n, head.remaining());
            plain = head.duplicate();
            plain.limit(plain.position() + n);
            head.position(head.position() + n);
        } else {
            // Several small buffers (Jetty's header then body): one frame rather than many.
            if (gather == null) {
                gather = ByteBuffer.allocate(MAX_PLAIN);
            }
            gather.clear();
            for (int i = first; i < offset + length && gather.position() < n; i++) {
                ByteBuffer s = srcs[i];
                int take = Math.min(s.remaining(), n - gather.position());
                gather.put(gather.position(), s, s.position(), take);
                gather.position(gather.position() + take);
                s.position(s.position() + take);
            }
            plain = gather.flip();
        }
        seal(DATA, plain, dst);
        return result(Status.OK, HandshakeStatus.NOT_HANDSHAKING, n, HEADER + n + NoiseCipher.TAG);
    }

    private void seal(byte type, ByteBuffer plain, ByteBuffer dst) throws SSLException {
        int body = plain.remaining() + NoiseCipher.TAG;
        sendHeader[0] = type;
        sendHeader[1] = (byte) (body >>> 8);
        sendHeader[2] = (byte) body;
        dst.put(sendHeader);
        sender.encrypt(sendHeader, plain, dst);
    }

    private SSLEngineResult wrapHandshake(ByteBuffer dst) throws SSLException {
        begin();
        if (pendingOut == null) {
            return result(Status.OK, status(), 0, 0);
        }
        if (dst.remaining() < HEADER + pendingOut.length) {
            return result(Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
        }
        int produced = HEADER + pendingOut.length;
        dst.put(HANDSHAKE).put((byte) (pendingOut.length >>> 8)).put((byte) pendingOut.length).put(pendingOut);
        pendingOut = null;
        if (handshake.done()) {
            finish();
            return result(Status.OK, HandshakeStatus.FINISHED, 0, produced);
        }
        return result(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, produced);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        synchronized (receiveLock) {
            if (inboundDone) {
                return result(Status.CLOSED, status(), 0, 0);
            }
            if (src.remaining() < HEADER) {
                return result(Status.BUFFER_UNDERFLOW, status(), 0, 0);
            }
            int p = src.position();
            byte type = src.get(p);
            int body = (src.get(p + 1) & 0xff) << 8 | src.get(p + 2) & 0xff;
            if (type < HANDSHAKE || type > CLOSE || body > MAX_BODY) {
                // 0x16 0x03 starts a TLS record: the other end is configured for TLS.
                throw fail(new SSLException("not a Noise link frame (first bytes " + String.format("%02x %02x", type, src.get(p + 1))
                        + "): is the other end using another link protocol (" + LinkProtocol.PROPERTY + ")?"));
            }
            if (src.remaining() < HEADER + body) {
                return result(Status.BUFFER_UNDERFLOW, status(), 0, 0);
            }
            if (!established) {
                synchronized (this) {
                    if (!established) {
                        return unwrapHandshake(src, type, body);
                    }
                }
            }
            if (type == HANDSHAKE || body < NoiseCipher.TAG) {
                throw fail(new SSLException("unexpected frame on an established link"));
            }
            src.get(receiveHeader);
            ByteBuffer sealed = src.slice(src.position(), body);
            src.position(src.position() + body);
            int plainLength = body - NoiseCipher.TAG;
            if (type == CLOSE) {
                open(sealed, ByteBuffer.allocate(plainLength));
                inboundDone = true;
                return result(Status.CLOSED, status(), HEADER + body, 0);
            }
            long room = 0;
            for (int i = offset; i < offset + length; i++) {
                room += dsts[i].remaining();
            }
            if (room < plainLength) {
                src.position(p);
                return result(Status.BUFFER_OVERFLOW, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            ByteBuffer into = dsts[offset];
            if (into.remaining() >= plainLength) {
                open(sealed, into);
            } else {
                ByteBuffer plain = ByteBuffer.allocate(plainLength);
                open(sealed, plain);
                plain.flip();
                for (int i = offset; i < offset + length && plain.hasRemaining(); i++) {
                    int take = Math.min(dsts[i].remaining(), plain.remaining());
                    dsts[i].put(plain.slice(plain.position(), take));
                    plain.position(plain.position() + take);
                }
            }
            return result(Status.OK, HandshakeStatus.NOT_HANDSHAKING, HEADER + body, plainLength);
        }
    }

    private void open(ByteBuffer sealed, ByteBuffer into) throws SSLException {
        try {
            receiver.decrypt(receiveHeader, sealed, into);
        } catch (SSLException e) {
            throw fail(e);
        }
    }

    private SSLEngineResult unwrapHandshake(ByteBuffer src, byte type, int body) throws SSLException {
        begin();
        if (type == CLOSE) {
            src.position(src.position() + HEADER + body);
            inboundDone = true;
            throw fail(new SSLHandshakeException("the other end closed the link during the handshake"));
        }
        if (type != HANDSHAKE) {
            throw fail(new SSLHandshakeException("data before the handshake finished"));
        }
        if (pendingOut != null || handshake.writing()) {
            return result(Status.OK, status(), 0, 0);
        }
        byte[] message = new byte[body];
        src.position(src.position() + HEADER);
        src.get(message);
        try {
            byte[] payload = handshake.readMessage(message);
            if (handshake.remoteStatic() != null && !payloadChecked) {
                verifyPeer(payload);
            }
            if (!handshake.done()) {
                pendingOut = handshake.writeMessage(credentials.proof());
                return result(Status.OK, HandshakeStatus.NEED_WRAP, HEADER + body, 0);
            }
        } catch (SSLException e) {
            throw fail(e);
        }
        finish();
        return result(Status.OK, HandshakeStatus.FINISHED, HEADER + body, 0);
    }

    private void verifyPeer(byte[] payload) throws SSLHandshakeException {
        X509Certificate certificate = credentials.verifyProof(payload, handshake.remoteStatic());
        try {
            X509Certificate[] chain = {certificate};
            if (clientMode) {
                credentials.trust().checkServerTrusted(chain, "EdDSA", this);
            } else {
                credentials.trust().checkClientTrusted(chain, "EdDSA", this);
            }
        } catch (CertificateException e) {
            throw (SSLHandshakeException) new SSLHandshakeException(e.getMessage()).initCause(e);
        }
        session.peerVerified(certificate);
        payloadChecked = true;
    }

    private void begin() throws SSLException {
        if (started) {
            return;
        }
        started = true;
        handshake = new NoiseHandshake(clientMode, credentials.staticKey());
        if (clientMode) {
            // The first message carries nothing: it is not encrypted yet.
            pendingOut = handshake.writeMessage(new byte[0]);
        }
    }

    private void finish() {
        NoiseCipher[] ciphers = handshake.split();
        sender = ciphers[0];
        receiver = ciphers[1];
        handshake = null;
        established = true;
    }

    private SSLException fail(SSLException e) {
        inboundDone = true;
        outboundClosed = true;
        closeSent = true;
        session.invalidate();
        return e;
    }

    private static SSLEngineResult result(Status status, HandshakeStatus hs, int consumed, int produced) {
        return new SSLEngineResult(status, hs, consumed, produced);
    }

    private HandshakeStatus status() {
        if (established) {
            return outboundClosed && !closeSent ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NOT_HANDSHAKING;
        }
        synchronized (this) {
            if (!started || inboundDone || closeSent) {
                return HandshakeStatus.NOT_HANDSHAKING;
            }
            return pendingOut != null || handshake.writing() ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NEED_UNWRAP;
        }
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return status();
    }

    @Override
    public Runnable getDelegatedTask() {
        // Every step runs inline: a handshake costs three X25519 agreements and one signature check.
        return null;
    }

    @Override
    public void closeInbound() {
        inboundDone = true;
    }

    @Override
    public boolean isInboundDone() {
        return inboundDone;
    }

    @Override
    public void closeOutbound() {
        outboundClosed = true;
        if (!established) {
            // Nothing sealed to say before the keys exist: the link just ends.
            closeSent = true;
        }
    }

    @Override
    public boolean isOutboundDone() {
        return closeSent;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return new String[] {NoiseHandshake.PROTOCOL};
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return getSupportedCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        // One suite only: nothing to choose.
    }

    @Override
    public String[] getSupportedProtocols() {
        return new String[] {NoiseLinks.PROTOCOL};
    }

    @Override
    public String[] getEnabledProtocols() {
        return getSupportedProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        // One protocol only: nothing to choose.
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        return established ? null : session;
    }

    @Override
    public void beginHandshake() throws SSLException {
        synchronized (this) {
            begin();
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        synchronized (this) {
            if (started) {
                throw new IllegalArgumentException("the handshake has begun");
            }
            clientMode = mode;
        }
    }

    @Override
    public boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // Both ends always prove their key.
    }

    @Override
    public boolean getNeedClientAuth() {
        return true;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        // Both ends always prove their key.
    }

    @Override
    public boolean getWantClientAuth() {
        return true;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        // Every link is a fresh handshake; there is no session cache to create into.
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    @Override
    public String getApplicationProtocol() {
        // No ALPN: HTTP/1.1 is the only protocol inside.
        return "";
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return established ? null : "";
    }
}
