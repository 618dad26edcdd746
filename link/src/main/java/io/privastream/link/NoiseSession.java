package io.privastream.link;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * What HTTP stacks may ask about a Noise link: its suite, its buffer sizes, and once the
 * handshake is done the other end's certificate (its pinned identity). No resumption: every
 * connection does a full handshake, so no session is ever shared.
 */
final class NoiseSession implements SSLSession {
    private final byte[] id;
    private final String peerHost;
    private final int peerPort;
    private final X509Certificate local;
    private final long created = System.currentTimeMillis();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile X509Certificate peer;
    private volatile boolean valid = true;

    NoiseSession(byte[] id, String peerHost, int peerPort, X509Certificate local) {
        this.id = id;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.local = local;
    }

    void peerVerified(X509Certificate certificate) {
        this.peer = certificate;
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return created;
    }

    @Override
    public long getLastAccessedTime() {
        return created;
    }

    @Override
    public void invalidate() {
        valid = false;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void putValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        values.remove(name);
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate p = peer;
        if (p == null) {
            throw new SSLPeerUnverifiedException("the other end is not verified yet");
        }
        return new Certificate[] {p};
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return new Certificate[] {local};
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return local.getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return NoiseHandshake.PROTOCOL;
    }

    @Override
    public String getProtocol() {
        return NoiseLinks.PROTOCOL;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return NoiseEngine.MAX_FRAME;
    }

    @Override
    public int getApplicationBufferSize() {
        return NoiseEngine.MAX_PLAIN;
    }
}
