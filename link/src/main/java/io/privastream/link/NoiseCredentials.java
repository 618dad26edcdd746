package io.privastream.link;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a node brings to its Noise handshakes: a static X25519 key made for this run, and a
 * proof binding it to the node's Ed25519 identity (its certificate, and its signature over the
 * static key), which the other end checks against the key it pinned. Thread-safe, immutable.
 *
 * <p>Proof layout: certificate length (2 bytes, big-endian), the certificate (DER), then the
 * 64-byte Ed25519 signature over {@code "privastream-link-static/1"} followed by the static key.
 * The static key takes part in the handshake's DH, so a node that sends another's proof cannot
 * finish it.
 */
record NoiseCredentials(NodeIdentity identity, KeyPair staticKey, byte[] proof, X509ExtendedTrustManager trust) {
    private static final byte[] DOMAIN = "privastream-link-static/1".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE = 64;

    static NoiseCredentials create(NodeIdentity identity, X509ExtendedTrustManager trust) {
        KeyPair staticKey = NoiseHandshake.generateKeyPair();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(identity.privateKey());
            signer.update(signed(NoiseHandshake.rawPublic(staticKey)));
            byte[] signature = signer.sign();
            byte[] certificate = identity.certificate().getEncoded();
            ByteBuffer proof = ByteBuffer.allocate(2 + certificate.length + signature.length);
            proof.putShort((short) certificate.length).put(certificate).put(signature);
            return new NoiseCredentials(identity, staticKey, proof.array(), trust);
        } catch (GeneralSecurityException e) {
            throw new LinkException("cannot sign the link key with this node's identity: " + e.getMessage(), e);
        }
    }

    /**
     * The certificate in {@code proof} when its key signed {@code remoteStatic}.
     *
     * @throws SSLHandshakeException when the proof is malformed or its signature does not verify
     */
    X509Certificate verifyProof(byte[] proof, byte[] remoteStatic) throws SSLHandshakeException {
        ByteBuffer in = ByteBuffer.wrap(proof);
        if (in.remaining() < 2 + SIGNATURE) {
            throw new SSLHandshakeException("the other end sent no identity");
        }
        int length = in.getShort() & 0xffff;
        if (in.remaining() != length + SIGNATURE) {
            throw new SSLHandshakeException("malformed identity from the other end");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(proof, 2, length));
        } catch (CertificateException | ClassCastException e) {
            throw (SSLHandshakeException) new SSLHandshakeException("unreadable certificate from the other end").initCause(e);
        }
        byte[] signature = Arrays.copyOfRange(proof, 2 + length, proof.length);
        if (!Ed25519.verify(certificate.getPublicKey().getEncoded(), signed(remoteStatic), signature)) {
            throw new SSLHandshakeException("the other end's identity did not sign its link key");
        }
        return certificate;
    }

    private static byte[] signed(byte[] staticKey) {
        byte[] m = Arrays.copyOf(DOMAIN, DOMAIN.length + staticKey.length);
        System.arraycopy(staticKey, 0, m, DOMAIN.length, staticKey.length);
        return m;
    }
}
