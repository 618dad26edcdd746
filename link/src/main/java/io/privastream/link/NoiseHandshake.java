package io.privastream.link;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A Noise handshake over X25519, AES-256-GCM and SHA-256 (Noise revision 34), sans-IO: messages
 * in and out as byte arrays, no sockets. Links use the XX pattern
 * ({@code Noise_XX_25519_AESGCM_SHA256}):
 *
 * <pre>
 *   -> e
 *   &lt;- e, ee, s, es     (+ responder's payload)
 *   -> s, se            (+ initiator's payload)
 * </pre>
 *
 * Both ends use a fresh ephemeral X25519 key per handshake (forward secrecy) and a static
 * X25519 key whose binding to a node's Ed25519 identity travels in the payloads (see
 * {@link NoiseEngine}). After the last message {@link #split()} gives each direction's
 * {@link NoiseCipher}. Other patterns exist only so that the implementation can be checked
 * against the Noise test vectors. Not thread-safe.
 */
final class NoiseHandshake {
    /** The links' protocol name, hashed into every handshake. */
    static final String PROTOCOL = "Noise_XX_25519_AESGCM_SHA256";
    /** Bytes of an X25519 public key. */
    static final int DH_LEN = 32;
    /** The links' prologue: both ends hash it first, so a handshake of another protocol cannot pass. */
    static final byte[] PROLOGUE = "privastream-link/1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] X25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    /** A handshake pattern's tokens (Noise section 7). */
    enum Token { E, S, EE, ES, SE }

    /**
     * A handshake pattern: its name and each message's tokens, the initiator's first.
     *
     * @param name as in the protocol name, e.g. "XX"
     */
    record Pattern(String name, List<List<Token>> messages) {
        static final Pattern XX = new Pattern("XX", List.of(List.of(Token.E), List.of(Token.E, Token.EE, Token.S, Token.ES),
                List.of(Token.S, Token.SE)));
        static final Pattern NN = new Pattern("NN", List.of(List.of(Token.E), List.of(Token.E, Token.EE)));
    }

    private final Pattern pattern;
    private final boolean initiator;
    private final KeyPair localStatic;
    private final Supplier<KeyPair> ephemerals;
    private KeyPair localEphemeral;
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    private byte[] chainingKey;
    private byte[] hash;
    private NoiseCipher cipher;
    private int messages;

    /** An XX handshake of the links, with a fresh ephemeral key. */
    NoiseHandshake(boolean initiator, KeyPair localStatic) {
        this(Pattern.XX, initiator, localStatic, PROLOGUE, NoiseHandshake::generateKeyPair);
    }

    /**
     * @param localStatic this end's static key; null when the pattern sends none
     * @param ephemerals  where this end's ephemeral key comes from (fresh keys; fixed ones in
     *                    test vectors)
     */
    NoiseHandshake(Pattern pattern, boolean initiator, KeyPair localStatic, byte[] prologue, Supplier<KeyPair> ephemerals) {
        this.pattern = pattern;
        this.initiator = initiator;
        this.localStatic = localStatic;
        this.ephemerals = ephemerals;
        byte[] name = ("Noise_" + pattern.name() + "_25519_AESGCM_SHA256").getBytes(StandardCharsets.US_ASCII);
        hash = name.length <= 32 ? Arrays.copyOf(name, 32) : sha256(name);
        chainingKey = hash.clone();
        mixHash(prologue);
    }

    /** A fresh X25519 key pair. */
    static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK has no X25519: " + e.getMessage(), e);
        }
    }

    /** The 32 raw bytes of {@code pair}'s public key (RFC 7748 encoding). */
    static byte[] rawPublic(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - DH_LEN, spki.length);
    }

    /** Whether it is this end's turn to write. */
    boolean writing() {
        return (messages % 2 == 0) == initiator;
    }

    /** Whether every message of the pattern went through. */
    boolean done() {
        return messages == pattern.messages().size();
    }

    /** The other end's static key, once the message carrying it is read. */
    byte[] remoteStatic() {
        return remoteStatic;
    }

    /** The next message of this end, carrying {@code payload}. */
    byte[] writeMessage(byte[] payload) throws SSLException {
        if (!writing() || done()) {
            throw new IllegalStateException("not this end's turn to write");
        }
        ByteBuffer out = ByteBuffer.allocate(2 * DH_LEN + 2 * NoiseCipher.TAG + payload.length);
        for (Token t : pattern.messages().get(messages)) {
            switch (t) {
                case E -> {
                    localEphemeral = ephemerals.get();
                    byte[] e = rawPublic(localEphemeral);
                    out.put(e);
                    mixHash(e);
                }
                case S -> out.put(encryptAndHash(rawPublic(localStatic)));
                default -> mixDh(t);
            }
        }
        out.put(encryptAndHash(payload));
        messages++;
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Reads the other end's next message and returns its payload.
     *
     * @throws SSLHandshakeException when the message is malformed or fails authentication
     */
    byte[] readMessage(byte[] message) throws SSLException {
        if (writing() || done()) {
            throw new IllegalStateException("not this end's turn to read");
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        for (Token t : pattern.messages().get(messages)) {
            switch (t) {
                case E -> {
                    remoteEphemeral = take(in, DH_LEN);
                    mixHash(remoteEphemeral);
                }
                case S -> remoteStatic = decryptAndHash(take(in, DH_LEN + (cipher == null ? 0 : NoiseCipher.TAG)));
                default -> mixDh(t);
            }
        }
        byte[] payload = decryptAndHash(take(in, in.remaining()));
        messages++;
        return payload;
    }

    /** The DH tokens, the same on both ends: "es" is the initiator's ephemeral with the responder's static, and so on. */
    private void mixDh(Token t) throws SSLHandshakeException {
        switch (t) {
            case EE -> mixKey(dh(localEphemeral, remoteEphemeral));
            case ES -> mixKey(initiator ? dh(localEphemeral, remoteStatic) : dh(localStatic, remoteEphemeral));
            case SE -> mixKey(initiator ? dh(localStatic, remoteEphemeral) : dh(localEphemeral, remoteStatic));
            default -> throw new IllegalStateException("not a DH token: " + t);
        }
    }

    /** The handshake hash: what both ends agree the transcript was (Noise's channel binding). */
    byte[] handshakeHash() {
        return hash.clone();
    }

    /** The transport ciphers: [0] seals what this end sends, [1] opens what it receives. */
    NoiseCipher[] split() {
        if (!done()) {
            throw new IllegalStateException("handshake not finished");
        }
        byte[][] keys = hkdf(chainingKey, new byte[0]);
        NoiseCipher first = new NoiseCipher(keys[0]);
        NoiseCipher second = new NoiseCipher(keys[1]);
        return initiator ? new NoiseCipher[] {first, second} : new NoiseCipher[] {second, first};
    }

    private static byte[] take(ByteBuffer in, int n) throws SSLHandshakeException {
        if (in.remaining() < n) {
            throw new SSLHandshakeException("handshake message too short");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private byte[] encryptAndHash(byte[] plain) throws SSLException {
        byte[] out;
        if (cipher == null) {
            out = plain;
        } else {
            ByteBuffer sealed = ByteBuffer.allocate(plain.length + NoiseCipher.TAG);
            cipher.encrypt(hash, ByteBuffer.wrap(plain), sealed);
            out = sealed.array();
        }
        mixHash(out);
        return out;
    }

    private byte[] decryptAndHash(byte[] sealed) throws SSLException {
        byte[] plain;
        if (cipher == null) {
            plain = sealed;
        } else {
            if (sealed.length < NoiseCipher.TAG) {
                throw new SSLHandshakeException("handshake message too short");
            }
            ByteBuffer out = ByteBuffer.allocate(sealed.length - NoiseCipher.TAG);
            try {
                cipher.decrypt(hash, ByteBuffer.wrap(sealed), out);
            } catch (SSLException e) {
                throw (SSLHandshakeException) new SSLHandshakeException("handshake message failed authentication").initCause(e);
            }
            plain = out.array();
        }
        mixHash(sealed);
        return plain;
    }

    private void mixHash(byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(hash);
            d.update(data);
            hash = d.digest();
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK has no SHA-256", e);
        }
    }

    private void mixKey(byte[] input) {
        byte[][] keys = hkdf(chainingKey, input);
        chainingKey = keys[0];
        cipher = new NoiseCipher(keys[1]);
    }

    private static byte[][] hkdf(byte[] key, byte[] input) {
        byte[] temp = hmac(key, input);
        byte[] first = hmac(temp, new byte[] {1});
        byte[] second = hmac(temp, concat(first, new byte[] {2}));
        return new byte[][] {first, second};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK has no HMAC-SHA256", e);
        }
    }

    private static byte[] dh(KeyPair local, byte[] remotePublic) throws SSLHandshakeException {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(local.getPrivate());
            ka.doPhase(KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(concat(X25519_SPKI_PREFIX, remotePublic))), true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            // The JDK refuses low-order points (an all-zero shared secret): a hostile key.
            throw (SSLHandshakeException) new SSLHandshakeException("unusable X25519 key from the other end: " + e.getMessage()).initCause(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new LinkException("this JDK has no SHA-256", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
