package io.privastream.core.incentive;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Ed25519 signing with the JDK, for receipts, standing tickets and their proofs. */
final class Signing {
    private Signing() {
    }

    /**
     * {@code key}'s Ed25519 signature over {@code message}, 64 bytes.
     *
     * @throws IllegalStateException if the JDK cannot sign with Ed25519
     */
    static byte[] ed25519(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }
}
