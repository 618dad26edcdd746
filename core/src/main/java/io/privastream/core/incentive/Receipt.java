package io.privastream.core.incentive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A receiver's signed word that a server gave it {@code bytes} of a content: what a server
 * redeems at the ledger for credit.
 *
 * <p>Parties are named by their key pins ({@code sha256:} + base64url of the SHA-256 of the
 * Ed25519 SubjectPublicKeyInfo, as their TLS links prove them). The receiver's public key travels
 * with the receipt so that anyone can check it; its pin must be {@code receiver}. The signature
 * (Ed25519, by the receiver) covers {@code privastream-receipt/1}, server, receiver, swarm,
 * bytes, nonce and time.
 *
 * @param server      pin of the agent that served the bytes
 * @param receiver    pin of the agent that received them and signs
 * @param swarm       the content's swarm id (what the tracker knows it by)
 * @param bytes       bytes received, at least 1
 * @param nonce       random per receipt, so each receipt counts once
 * @param timeMillis  when the receiver signed, epoch milliseconds
 * @param receiverKey the receiver's public key, X.509 SubjectPublicKeyInfo DER
 * @param signature   Ed25519 signature, 64 bytes
 */
public record Receipt(String server, String receiver, String swarm, long bytes, long nonce, long timeMillis, byte[] receiverKey,
                      byte[] signature) {
    private static final Pattern PIN = Pattern.compile("sha256:[A-Za-z0-9_-]{43}");

    /** @throws IllegalArgumentException quoting the bad field */
    public Receipt {
        if (server == null || receiver == null || swarm == null || server.isEmpty() || receiver.isEmpty() || swarm.isEmpty()) {
            throw new IllegalArgumentException("a receipt names its server, receiver and swarm");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("a receipt is for at least 1 byte, got " + bytes);
        }
        if (receiverKey == null || signature == null || signature.length != 64) {
            throw new IllegalArgumentException("a receipt needs the receiver's key and a 64-byte signature");
        }
    }

    /**
     * Signs a receipt as {@code receiver} (whose key pair is {@code key} / {@code publicKey}).
     *
     * @throws IllegalStateException if the JDK cannot sign with Ed25519
     */
    public static Receipt sign(String server, String swarm, long bytes, long nonce, long timeMillis, PrivateKey key, PublicKey publicKey) {
        String receiver = pinOf(publicKey.getEncoded());
        return new Receipt(server, receiver, swarm, bytes, nonce, timeMillis, publicKey.getEncoded(),
                Signing.ed25519(key, message(server, receiver, swarm, bytes, nonce, timeMillis)));
    }

    /**
     * Checks an Ed25519 signature: {@code spki} (X.509 SubjectPublicKeyInfo DER), message,
     * signature. Implementations never throw on bad input; they answer false.
     */
    @FunctionalInterface
    public interface Verifier {
        boolean verify(byte[] spki, byte[] message, byte[] signature);
    }

    /**
     * The JDK's Ed25519 ({@code java.security.Signature}): correct everywhere, but about 2,500
     * verifications per second per core here; a ledger serving many agents uses a faster
     * implementation (the tracker uses Bouncy Castle's, see {@code link.Ed25519}).
     */
    public static Verifier jdkVerifier() {
        return (spki, message, signature) -> {
            try {
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(message);
                return s.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        };
    }

    /** {@link #verify(Verifier)} with the {@link #jdkVerifier()}. */
    public boolean verify() {
        return verify(jdkVerifier());
    }

    /** True when the key is the receiver's (by pin) and the signature is the receiver's over these fields. */
    public boolean verify(Verifier verifier) {
        if (!MessageDigest.isEqual(receiver.getBytes(StandardCharsets.US_ASCII), pinOf(receiverKey).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        return verifier.verify(receiverKey, message(server, receiver, swarm, bytes, nonce, timeMillis), signature);
    }

    /** Whether {@code text} has a key pin's form, {@code sha256:} and 43 base64url characters. */
    public static boolean isPin(String text) {
        return text != null && PIN.matcher(text).matches();
    }

    /** The pin of a key given as SubjectPublicKeyInfo DER: {@code sha256:<base64url>}. */
    public static String pinOf(byte[] spki) {
        try {
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] message(String server, String receiver, String swarm, long bytes, long nonce, long timeMillis) {
        return String.join("\n", "privastream-receipt/1", server, receiver, swarm, Long.toString(bytes), Long.toString(nonce),
                Long.toString(timeMillis)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && server.equals(r.server) && receiver.equals(r.receiver) && swarm.equals(r.swarm) && bytes == r.bytes
                && nonce == r.nonce && timeMillis == r.timeMillis && Arrays.equals(receiverKey, r.receiverKey) && Arrays.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "receipt(" + receiver + " got " + bytes + " B of " + swarm + " from " + server + ", nonce " + nonce + ")";
    }
}
