package io.privastream.link;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * One direction of a Noise link: AES-256-GCM under a fixed key with the message counter as the
 * nonce (Noise's CipherState, section 5.1; AESGCM nonce = 32 zero bits then the counter
 * big-endian). A counter is never reused; at 2^64 - 1 messages the link must end. Not
 * thread-safe: one per direction, used by its engine under the engine's lock.
 */
final class NoiseCipher {
    /** Bytes the tag adds to every message. */
    static final int TAG = 16;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private long counter;

    NoiseCipher(byte[] key32) {
        this.key = new SecretKeySpec(key32, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK has no AES-GCM: " + e.getMessage(), e);
        }
    }

    /**
     * Seals {@code plain} (all its remaining bytes) into {@code out} with {@code ad} as associated
     * data; {@code out} needs {@code plain.remaining() + TAG} bytes free.
     */
    void encrypt(byte[] ad, ByteBuffer plain, ByteBuffer out) throws SSLException {
        try {
            init(Cipher.ENCRYPT_MODE, ad);
            cipher.doFinal(plain, out);
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot seal a link message: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code sealed} (all its remaining bytes) into {@code out}.
     *
     * @throws SSLException when the tag does not match: the message was changed, reordered or
     *     replayed, and the link must end
     */
    void decrypt(byte[] ad, ByteBuffer sealed, ByteBuffer out) throws SSLException {
        try {
            init(Cipher.DECRYPT_MODE, ad);
            cipher.doFinal(sealed, out);
        } catch (AEADBadTagException e) {
            throw new SSLException("a link message failed authentication (changed, reordered or replayed)", e);
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot open a link message: " + e.getMessage(), e);
        }
    }

    private void init(int mode, byte[] ad) throws GeneralSecurityException {
        if (counter == -1L) {
            throw new GeneralSecurityException("message counter exhausted");
        }
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
        if (ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
