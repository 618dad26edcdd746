package io.privastream.link;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 contexts for PRIVA-STREAM links, on the JDK's own provider (JSSE): the alternative to
 * the default Noise links ({@link LinkProtocol#TLS}).
 *
 * <p>Every handshake is ephemeral (EC)DHE, so links have forward secrecy; records are AEAD only
 * (AES-GCM or ChaCha20-Poly1305). It costs more CPU per byte than {@link NoiseLinks} here
 * (JSSE's record path; {@code privastream bench crypto} measures both). Nodes authenticate by
 * pinned keys ({@link Pin}), not by certificate authorities.
 *
 * <p>Both ends present their identity: a server learns which key its client holds
 * ({@link #clientPin(SSLSession)}), which later work (receipts, standing) builds on.
 */
public final class Tls {
    /** The only protocol offered. */
    public static final String PROTOCOL = "TLSv1.3";
    /**
     * TLS 1.3 suites in order of preference: AES-128-GCM first (AES-NI makes it the cheapest per
     * byte here; measured with {@code privastream bench crypto}), ChaCha20-Poly1305 for machines
     * without AES instructions, AES-256-GCM last.
     */
    public static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384");

    private Tls() {
    }

    /**
     * A context for a node that connects to pinned servers as {@code identity} and serves as
     * {@code identity}, accepting any client key.
     *
     * @param pins the pins servers must match; see {@link PinnedTrust}
     */
    public static SSLContext context(NodeIdentity identity, Pins pins) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {new IdentityKeys(identity)}, new TrustManager[] {new PinnedTrust(pins)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK cannot make a TLS 1.3 context: " + e.getMessage(), e);
        }
    }

    /** Parameters for the JDK HTTP client: TLS 1.3 only. */
    public static SSLParameters clientParameters() {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        return p;
    }

    /** The pin of the key the client of {@code session} proved it holds, if it presented one. */
    public static Optional<Pin> clientPin(SSLSession session) {
        try {
            var chain = session.getPeerCertificates();
            return chain.length == 0 || !(chain[0] instanceof X509Certificate c) ? Optional.empty() : Optional.of(Pin.of(c));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
