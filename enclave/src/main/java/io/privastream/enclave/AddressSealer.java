package io.privastream.enclave;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals peers' addresses so that the tracker stores and hands out only ciphertext (PRIVA-STREAM's
 * in-enclave NAT, without the enclave): an address given at join is sealed at once, what the
 * tracker stores is the sealed form, every lookup answer carries a freshly sealed <em>handle</em>
 * (new nonce, so two answers about one peer do not match; an expiry, so a handle cannot be used
 * for ever), and only the holder of the key — the relay, or the tracker answering an agent that
 * connects directly — opens a handle back into an address.
 *
 * <p>AES-256-GCM with a random 96-bit nonce per seal (NIST SP 800-38D §8.2.2: fine for well
 * under 2^32 seals per key; rotate the key before). Plaintext: version, purpose (stored form or
 * handle, so one is never accepted as the other), expiry in epoch milliseconds, address in
 * UTF-8; additional data {@code privastream-address/1}. Text form: lower-case hex.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}.
 */
public final class AddressSealer {
    private static final byte VERSION = 1;
    private static final byte STORED = 'S';
    private static final byte HANDLE = 'H';
    private static final byte[] AAD = "privastream-address/1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Longest address accepted; a URL such as https://[v6 address]:port is far shorter. */
    public static final int MAX_ADDRESS_BYTES = 512;
    private static final HexFormat HEX = HexFormat.of();

    private final SealingKey key;
    private final Clock clock;
    private final Duration handleLifetime;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param handleLifetime how long a handed-out handle opens; positive (the tracker uses 2 min)
     * @throws IllegalArgumentException if {@code handleLifetime} is not positive
     */
    public AddressSealer(SealingKey key, Clock clock, Duration handleLifetime) {
        if (key == null || clock == null || handleLifetime == null || !handleLifetime.isPositive()) {
            throw new IllegalArgumentException("address sealer needs a key, a clock and a positive handle lifetime, got " + handleLifetime);
        }
        this.key = key;
        this.clock = clock;
        this.handleLifetime = handleLifetime;
    }

    /** How long a handle from {@link #handOut} opens. */
    public Duration handleLifetime() {
        return handleLifetime;
    }

    /**
     * The form a tracker stores for {@code address}; it never expires and only {@link #handOut}
     * reads it.
     *
     * @throws IllegalArgumentException if the address is empty or longer than {@link #MAX_ADDRESS_BYTES}
     */
    public String seal(String address) {
        return seal(STORED, Long.MAX_VALUE, address);
    }

    /**
     * A fresh handle to the address inside {@code stored}, valid for {@link #handleLifetime()}.
     *
     * @throws IllegalArgumentException if {@code stored} is not a stored form sealed under this key
     */
    public String handOut(String stored) {
        String address = open(stored, STORED).orElseThrow(() -> new IllegalArgumentException("not a sealed address under this key"));
        return seal(HANDLE, clock.millis() + handleLifetime.toMillis(), address);
    }

    /**
     * The address inside {@code handle}; empty when it is malformed, was sealed under another
     * key, was tampered with, is a stored form rather than a handle, or has expired.
     */
    public Optional<String> open(String handle) {
        return open(handle, HANDLE);
    }

    private String seal(byte purpose, long expiresMillis, String address) {
        byte[] text = address == null ? new byte[0] : address.getBytes(StandardCharsets.UTF_8);
        if (text.length == 0 || text.length > MAX_ADDRESS_BYTES) {
            throw new IllegalArgumentException("an address must be 1-" + MAX_ADDRESS_BYTES + " bytes, got " + text.length);
        }
        ByteBuffer plain = ByteBuffer.allocate(2 + Long.BYTES + text.length).put(VERSION).put(purpose).putLong(expiresMillis).put(text);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(AAD);
            byte[] sealed = gcm.doFinal(plain.array());
            return HEX.formatHex(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    private Optional<String> open(String sealed, byte purpose) {
        byte[] bytes;
        try {
            bytes = HEX.parseHex(sealed);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8 + 2 + Long.BYTES + 1) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            gcm.updateAAD(AAD);
            plain = gcm.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(plain);
        if (in.get() != VERSION || in.get() != purpose) {
            return Optional.empty();
        }
        long expires = in.getLong();
        if (clock.millis() > expires) {
            return Optional.empty();
        }
        return Optional.of(new String(plain, in.position(), in.remaining(), StandardCharsets.UTF_8));
    }
}
