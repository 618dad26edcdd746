package io.privastream.origin;

import io.privastream.core.integrity.IntegrityException;
import io.privastream.core.integrity.PublisherKeys;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.integrity.SignedDigest;
import io.privastream.core.media.ContentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's signing side: its Ed25519 key, kept in the data directory, and the signed
 * digests of the objects it serves ({@code GET /content/{id}/{path}.merkle}).
 *
 * <p>The key file {@value #KEY_FILE} is created on first start (mode 600 where the file system
 * has POSIX permissions) and reused after, so agents that pinned the key keep trusting the
 * origin across restarts. Digests are computed once per object version (path and entity tag)
 * and kept for the last {@value #CACHED_DIGESTS}; live segments are signed as they are ingested.
 * Thread-safe.
 */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    static final String KEY_FILE = "publisher-ed25519.key";
    private static final String MAGIC = "privastream-publisher-key/1";
    static final int CACHED_DIGESTS = 8192;

    private record Version(ContentId content, String path, String etag) {
    }

    private final KeyPair keys;
    private final String publicKey;
    private final int chunkBytes;
    private final Map<Version, byte[]> digests = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, byte[]> eldest) {
            return size() > CACHED_DIGESTS;
        }
    };

    /** @param chunkBytes chunk size of every digest, or 0 for {@link SegmentDigest#chunkBytesFor} of each object */
    Publisher(KeyPair keys, int chunkBytes) {
        this.keys = keys;
        this.publicKey = PublisherKeys.encodePublic(keys.getPublic());
        this.chunkBytes = chunkBytes;
    }

    /**
     * The swarm key of {@code content} (base64url, 32 bytes): an HMAC of the content id under a
     * secret derived from the publisher's private key, so it needs no state of its own and stays
     * the same across restarts. See {@link io.privastream.protocol.SwarmNames}.
     */
    String swarmKey(ContentId content) {
        try {
            byte[] secret = java.security.MessageDigest.getInstance("SHA-256").digest(concat(
                    "privastream-swarm-secret/1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), keys.getPrivate().getEncoded()));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] key = mac.doFinal(content.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256 or HmacSHA256", e);
        }
    }

    /** {@code d} as agents get it: naming the publisher's key and the content's swarm key. */
    io.privastream.protocol.ContentDescriptor describe(io.privastream.protocol.ContentDescriptor d) {
        return d.withPublisherKey(publicKey).withSwarmKey(swarmKey(d.contentId()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The key in {@code dataDir}, created there when absent.
     *
     * @throws UncheckedIOException when the directory is unusable
     * @throws IntegrityException   when the key file exists but is not a key pair (it is never
     *                              overwritten: agents may have pinned it)
     */
    static Publisher open(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return new Publisher(read(file), 0);
            }
            KeyPair keys = PublisherKeys.generate();
            write(file, keys);
            LOG.info("created the publisher key {} (Ed25519 {})", file, PublisherKeys.encodePublic(keys.getPublic()));
            return new Publisher(keys, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the publisher key " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("public: ") || !lines.get(2).startsWith("private: ")) {
            throw new IntegrityException("publisher key file " + file + " is not a '" + MAGIC + "' file; move it away to create a new key");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return PublisherKeys.decodePair(b64.decode(lines.get(2).substring(9)), b64.decode(lines.get(1).substring(8)));
        } catch (IllegalArgumentException | IntegrityException e) {
            throw new IntegrityException("publisher key file " + file + " is damaged (" + e.getMessage() + "); move it away to create a new key", e);
        }
    }

    private static void write(Path file, KeyPair keys) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        String text = MAGIC + "\npublic: " + b64.encodeToString(keys.getPublic().getEncoded()) + "\nprivate: "
                + b64.encodeToString(keys.getPrivate().getEncoded()) + "\n";
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }

    /** The public key as the descriptor carries it. */
    String publicKey() {
        return publicKey;
    }

    /** The encoded signed digest of {@code o}, served at {@code path}{@code .merkle}. */
    byte[] digest(ContentId content, String path, StoredObject o) {
        Version v = new Version(content, path, o.etag());
        synchronized (digests) {
            byte[] hit = digests.get(v);
            if (hit != null) {
                return hit;
            }
        }
        int chunk = chunkBytes > 0 ? chunkBytes : SegmentDigest.chunkBytesFor(o.data().length);
        byte[] encoded = SignedDigest.sign(content, path, o.data(), chunk, keys.getPrivate()).encode();
        synchronized (digests) {
            digests.put(v, encoded);
        }
        return encoded;
    }
}
