package io.privastream.core.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The publisher's Ed25519 keys (JCA) and their text form.
 *
 * <p>The public key travels in the content descriptor as base64 of its X.509
 * SubjectPublicKeyInfo encoding (44 bytes); the private key is stored by the origin as PKCS#8.
 */
public final class PublisherKeys {
    private PublisherKeys() {
    }

    /** A fresh key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
        }
    }

    /** Base64 of {@code key}'s X.509 encoding. */
    public static String encodePublic(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Parses {@link #encodePublic}'s output.
     *
     * @throws IntegrityException quoting the problem when it is not an Ed25519 public key
     */
    public static PublicKey decodePublic(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.strip());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IntegrityException("not an Ed25519 public key (base64 X.509): " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds a key pair from its PKCS#8 private key and X.509 public key encodings.
     *
     * @throws IntegrityException when either is not an Ed25519 key, or they do not belong together
     */
    public static KeyPair decodePair(byte[] pkcs8, byte[] x509) {
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            KeyPair pair = new KeyPair(f.generatePublic(new X509EncodedKeySpec(x509)), f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            byte[] probe = "privastream key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!Signatures.verify(pair.getPublic(), probe, Signatures.sign(pair.getPrivate(), probe))) {
                throw new IntegrityException("the public key does not belong to the private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IntegrityException("not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    /** Ed25519 signing and checking. */
    static final class Signatures {
        private Signatures() {
        }

        static byte[] sign(PrivateKey key, byte[] message) {
            try {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IntegrityException("cannot sign with this key: " + e.getMessage(), e);
            }
        }

        static boolean verify(PublicKey key, byte[] message, byte[] signature) {
            try {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(message);
                return s.verify(signature);
            } catch (java.security.SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new IntegrityException("cannot verify with this key: " + e.getMessage(), e);
            }
        }
    }
}
