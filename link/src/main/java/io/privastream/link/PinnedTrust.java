package io.privastream.link;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server only if its certificate carries the key pinned for the address it was reached
 * at (see {@link Pins}); names, dates and issuers are not looked at, and an address without a
 * pin is refused (a link is never left unauthenticated). Clients are accepted with any key: the
 * TLS handshake proves they hold it, and what a key may do is decided above the link (the
 * server reads the client's {@link Pin} from the session).
 *
 * <p>Being an {@link X509ExtendedTrustManager}, it replaces JSSE's host-name check too: the
 * pin is the check. Thread-safe.
 */
final class PinnedTrust extends X509ExtendedTrustManager {
    private final Pins pins;

    PinnedTrust(Pins pins) {
        this.pins = pins;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (socket instanceof SSLSocket s && s.getInetAddress() != null) {
            String host = s.getHandshakeSession() != null && s.getHandshakeSession().getPeerHost() != null
                    ? s.getHandshakeSession().getPeerHost() : s.getInetAddress().getHostAddress();
            check(chain, host, s.getPort());
        } else {
            check(chain, null, -1);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null, -1);
    }

    private void check(X509Certificate[] chain, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (host == null || port < 0) {
            throw new CertificateException("cannot tell which server this is, so no pin applies; refusing the link");
        }
        Optional<Pin> expected = pins.expected(host, port);
        if (expected.isEmpty()) {
            throw new CertificateException("no pin known for " + host + ":" + port + " (it presented " + Pin.of(chain[0])
                    + "); refusing an unauthenticated link");
        }
        if (!expected.get().matches(chain[0])) {
            throw new CertificateException(host + ":" + port + " presented key " + Pin.of(chain[0]) + ", pinned " + expected.get());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        requireOne(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        requireOne(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireOne(chain);
    }

    private static void requireOne(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client presented no certificate");
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // Any issuer: clients send their self-signed certificate whatever we list.
        return new X509Certificate[0];
    }
}
