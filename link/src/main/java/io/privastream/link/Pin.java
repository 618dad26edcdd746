package io.privastream.link;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * A node's key fingerprint: SHA-256 of its public key's DER SubjectPublicKeyInfo, the value
 * HTTP Public Key Pinning (RFC 7469 §2.4) pins. A link is accepted only when the other end's
 * certificate carries the key its pin names, whatever else the certificate says.
 *
 * <p>Text form {@code sha256:<43 base64url characters, no padding>}; {@link #toString()} output
 * parses back with {@link #parse(String)}. Immutable.
 */
public final class Pin {
    private static final String PREFIX = "sha256:";
    private static final int HASH_BYTES = 32;

    private final byte[] sha256;

    private Pin(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** The pin of {@code key}. */
    public static Pin of(PublicKey key) {
        try {
            return new Pin(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The pin of {@code certificate}'s public key. */
    public static Pin of(Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    /**
     * Reads {@code sha256:<base64url>}.
     *
     * @throws IllegalArgumentException quoting {@code text} when it is not a pin
     */
    public static Pin parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a pin looks like sha256:<43 base64url characters>, got '" + text + "'");
        }
        byte[] hash;
        try {
            hash = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pin '" + text + "' is not base64url: " + e.getMessage());
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("pin '" + text + "' holds " + hash.length + " bytes, a SHA-256 holds " + HASH_BYTES);
        }
        return new Pin(hash);
    }

    /** True if {@code certificate}'s key is the pinned one. */
    public boolean matches(Certificate certificate) {
        return MessageDigest.isEqual(sha256, of(certificate).sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pin p && Arrays.equals(sha256, p.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
    }
}
