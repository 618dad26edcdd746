package io.privastream.core.incentive;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * That the holder of a {@link StandingTicket}'s key sent this request: its Ed25519 signature
 * over {@code privastream-standing-proof/1}, the ticket's signature, the request's path and the
 * time. Without it a ticket seen once could be shown by anyone; with it, only for that path
 * within the server's clock tolerance. On the wire (header {@code X-PrivaStream-Standing-Proof})
 * {@code <timeMillis>.<subjectKey>.<signature>}, the last two base64url.
 *
 * @param timeMillis when the agent signed, epoch milliseconds
 * @param subjectKey the agent's public key, X.509 SubjectPublicKeyInfo DER; its pin must be the ticket's
 * @param signature  Ed25519 signature, 64 bytes
 */
public record StandingProof(long timeMillis, byte[] subjectKey, byte[] signature) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** @throws IllegalArgumentException if the key or signature is missing or the signature not 64 bytes */
    public StandingProof {
        if (subjectKey == null || subjectKey.length == 0 || signature == null || signature.length != 64) {
            throw new IllegalArgumentException("a standing proof needs the agent's key and a 64-byte signature");
        }
    }

    /**
     * Signs a proof for a request for {@code path} showing {@code ticket}.
     *
     * @throws IllegalStateException if the JDK cannot sign with Ed25519
     */
    public static StandingProof sign(StandingTicket ticket, String path, long timeMillis, PrivateKey key, PublicKey publicKey) {
        return new StandingProof(timeMillis, publicKey.getEncoded(), Signing.ed25519(key, message(ticket, path, timeMillis)));
    }

    /** True when the key is the ticket's identity (by pin) and the signature is that key's over this request. */
    public boolean verify(StandingTicket ticket, String path, Receipt.Verifier verifier) {
        return Receipt.pinOf(subjectKey).equals(ticket.pin()) && verifier.verify(subjectKey, message(ticket, path, timeMillis), signature);
    }

    /** The header form, {@code <timeMillis>.<subjectKey>.<signature>}. */
    public String encode() {
        return timeMillis + "." + B64.encodeToString(subjectKey) + "." + B64.encodeToString(signature);
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static StandingProof parse(String text) {
        if (text == null || text.length() > 512) {
            throw new IllegalArgumentException("a standing proof is at most 512 characters");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a standing proof looks like <timeMillis>.<subjectKey>.<signature>");
        }
        try {
            return new StandingProof(Long.parseLong(parts[0]), Base64.getUrlDecoder().decode(parts[1]), Base64.getUrlDecoder().decode(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a standing proof's time is a whole number: " + e.getMessage());
        }
    }

    private static byte[] message(StandingTicket ticket, String path, long timeMillis) {
        return String.join("\n", "privastream-standing-proof/1", B64.encodeToString(ticket.signature()), path, Long.toString(timeMillis))
                .getBytes(StandardCharsets.UTF_8);
    }
}
