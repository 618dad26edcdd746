package io.privastream.link;

import java.security.KeyManagementException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Noise XX links ({@link NoiseEngine}) packaged as an {@link SSLContext}, so that Jetty and the
 * JDK HTTP client use them where they would use TLS. Engines only: no sockets, no session cache.
 */
public final class NoiseLinks {
    /** The protocol name engines and sessions report. */
    public static final String PROTOCOL = "NoiseXX";
    /** Most plaintext one data frame carries, bytes (what {@code bench crypto}'s AEAD measure uses). */
    public static final int FRAME_PLAINTEXT_BYTES = NoiseEngine.MAX_PLAIN;
    private static final Provider PROVIDER = new Provider("PrivaStreamNoise", "1", "Noise XX links for PRIVA-STREAM") {
        private static final long serialVersionUID = 1L;
    };

    private NoiseLinks() {
    }

    /**
     * A context for a node that connects to pinned servers as {@code identity} and serves as
     * {@code identity}, accepting any client key (the same trust as {@link Tls#context}).
     */
    public static SSLContext context(NodeIdentity identity, Pins pins) {
        NoiseCredentials credentials = NoiseCredentials.create(identity, new PinnedTrust(pins));
        return new SSLContext(new Spi(credentials), PROVIDER, PROTOCOL) {
        };
    }

    /** Parameters for the JDK HTTP client on a Noise context. */
    public static SSLParameters clientParameters() {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setCipherSuites(new String[] {NoiseHandshake.PROTOCOL});
        return p;
    }

    private static final class Spi extends SSLContextSpi {
        private final NoiseCredentials credentials;

        Spi(NoiseCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("a Noise link context is made initialised by NoiseLinks.context");
        }

        // Both HTTP stacks the links run on (Jetty, the JDK client) take engines; blocking
        // sockets are a TLS-only API here, and asking for them is a usage error, said so.
        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("Noise links have no socket API: use an SSLEngine (Jetty, the JDK HttpClient), or PRIVASTREAM_LINKS=tls");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("Noise links have no socket API: use an SSLEngine (Jetty, the JDK HttpClient), or PRIVASTREAM_LINKS=tls");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new NoiseEngine(credentials, null, -1);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new NoiseEngine(credentials, host, port);
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return clientParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return clientParameters();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return null;
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return null;
        }
    }
}
