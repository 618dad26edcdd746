package io.privastream.core.integrity;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.media.Text;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An object's {@link SegmentDigest} bound to its name and signed by the publisher.
 *
 * <p>The signature (Ed25519) covers {@code privastream-digest/1}, the content id, the object's
 * path, its size, the chunk size and the Merkle root, one per line: a digest cannot be replayed
 * for another object, another rendition or another content, and a leaf cannot be changed without
 * changing the root. The wire form ({@link #encode()}) is UTF-8 text, one {@code name: value}
 * per line after the first:
 *
 * <pre>
 * privastream-digest/1
 * content: 3f2a...
 * path: chunk-0-00042.m4s
 * size: 201733
 * chunk: 16384
 * leaves: (base64 of the 32-byte leaf hashes, concatenated)
 * signature: (base64 of the 64-byte Ed25519 signature)
 * </pre>
 *
 * @param content   the content the object belongs to
 * @param path      the object's path within the content
 * @param digest    its chunk hashes
 * @param signature the publisher's signature (64 bytes); not copied
 */
public record SignedDigest(ContentId content, String path, SegmentDigest digest, byte[] signature) {
    static final String MAGIC = "privastream-digest/1";
    /** Longest encoded digest accepted: a 64 MiB object in 1 KiB chunks, base64, plus headroom. */
    public static final int MAX_ENCODED_BYTES = (int) (SegmentDigest.MAX_OBJECT_BYTES / SegmentDigest.MIN_CHUNK_BYTES
            * SegmentDigest.HASH_BYTES * 4 / 3) + 4096;

    public SignedDigest {
        SegmentKey.checkPath(path);
        if (signature == null || signature.length != 64) {
            throw new IntegrityException("an Ed25519 signature has 64 bytes, got " + (signature == null ? 0 : signature.length));
        }
    }

    /** Hashes {@code data} and signs the result with the publisher's {@code key}. */
    public static SignedDigest sign(ContentId content, String path, byte[] data, int chunkBytes, PrivateKey key) {
        SegmentDigest digest = SegmentDigest.of(data, chunkBytes);
        return new SignedDigest(content, path, digest, PublisherKeys.Signatures.sign(key, signedBytes(content, path, digest)));
    }

    /**
     * Checks that this is the publisher's digest of {@code path} in {@code content}.
     *
     * @throws IntegrityException saying what does not match
     */
    public SignedDigest verify(PublicKey publisher, ContentId expectedContent, String expectedPath) {
        if (!content.equals(expectedContent) || !path.equals(expectedPath)) {
            throw new IntegrityException("digest is for " + content + "/" + Text.quote(path) + ", not " + expectedContent + "/" + Text.quote(expectedPath));
        }
        if (!PublisherKeys.Signatures.verify(publisher, signedBytes(content, path, digest), signature)) {
            throw new IntegrityException("the publisher's signature over the digest of " + content + "/" + path + " does not verify");
        }
        return this;
    }

    private static byte[] signedBytes(ContentId content, String path, SegmentDigest d) {
        String text = MAGIC + "\n" + content + "\n" + path + "\n" + d.sizeBytes() + "\n" + d.chunkBytes() + "\n"
                + HexFormat.of().formatHex(d.root()) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The wire form (see the class comment). */
    public byte[] encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        String text = MAGIC + "\ncontent: " + content + "\npath: " + path + "\nsize: " + digest.sizeBytes() + "\nchunk: " + digest.chunkBytes()
                + "\nleaves: " + b64.encodeToString(digest.leaves()) + "\nsignature: " + b64.encodeToString(signature) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@link #encode()}'s output. Does not verify the signature.
     *
     * @throws IntegrityException naming the first line or field that is wrong
     */
    public static SignedDigest decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new IntegrityException("digest of " + encoded.length + " bytes is longer than the " + MAX_ENCODED_BYTES + " allowed");
        }
        String[] lines = new String(encoded, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 7 || !lines[0].equals(MAGIC)) {
            throw new IntegrityException("not a digest: expected a first line '" + MAGIC + "' and 6 fields, got '" + Text.quote(lines[0]) + "'");
        }
        try {
            ContentId content = ContentId.of(field(lines[1], "content"));
            String path = field(lines[2], "path");
            long size = Long.parseLong(field(lines[3], "size"));
            int chunk = Integer.parseInt(field(lines[4], "chunk"));
            byte[] leaves = Base64.getDecoder().decode(field(lines[5], "leaves"));
            byte[] signature = Base64.getDecoder().decode(field(lines[6], "signature"));
            return new SignedDigest(content, path, new SegmentDigest(chunk, size, leaves), signature);
        } catch (IllegalArgumentException e) {
            // NumberFormatException and bad base64 are IllegalArgumentExceptions too.
            throw new IntegrityException("malformed digest: " + e.getMessage(), e);
        }
    }

    private static String field(String line, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw new IntegrityException("malformed digest: expected '" + prefix + "...', got '" + Text.quote(line) + "'");
        }
        return line.substring(prefix.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedDigest s && s.content.equals(content) && s.path.equals(path) && s.digest.equals(digest)
                && java.util.Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return content.hashCode() * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return "SignedDigest[" + content + "/" + path + ", " + digest + "]";
    }
}
