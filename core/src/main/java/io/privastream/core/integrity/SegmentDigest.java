package io.privastream.core.integrity;

import io.privastream.core.media.ByteRange;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The chunk hashes of one object: what lets any chunk-aligned part of it be checked on its own.
 *
 * <p>The object is cut into chunks of {@code chunkBytes} (the last one shorter); leaf {@code i}
 * is {@code SHA-256(0x00 || chunk i)} and the root is the RFC 6962 Merkle tree hash over the
 * leaves (inner nodes {@code SHA-256(0x01 || left || right)}, the tree split at the largest power
 * of two below the leaf count). The root is what the publisher signs ({@link SignedDigest}).
 *
 * @param chunkBytes chunk size in bytes, {@value #MIN_CHUNK_BYTES} to {@value #MAX_CHUNK_BYTES}
 * @param sizeBytes  the object's size in bytes, 0 to {@value #MAX_OBJECT_BYTES}
 * @param leaves     the leaf hashes, 32 bytes each, concatenated in chunk order; not copied, never
 *                   modified
 */
public record SegmentDigest(int chunkBytes, long sizeBytes, byte[] leaves) {
    /** Bytes of one SHA-256 hash. */
    public static final int HASH_BYTES = 32;
    /** The largest chunk {@link #chunkBytesFor} picks: 16 KiB. */
    public static final int DEFAULT_CHUNK_BYTES = 16 * 1024;
    /** Chunks per object {@link #chunkBytesFor} aims at. */
    static final int TARGET_CHUNKS = 64;
    public static final int MIN_CHUNK_BYTES = 1024;
    public static final int MAX_CHUNK_BYTES = 1024 * 1024;
    /** Largest object a digest may describe (as large as any object an agent accepts). */
    public static final long MAX_OBJECT_BYTES = 64L * 1024 * 1024;

    /** @throws IntegrityException if the fields are out of range or disagree */
    public SegmentDigest {
        if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IntegrityException("chunk size must be " + MIN_CHUNK_BYTES + ".." + MAX_CHUNK_BYTES + " bytes, got " + chunkBytes);
        }
        if (sizeBytes < 0 || sizeBytes > MAX_OBJECT_BYTES) {
            throw new IntegrityException("object size must be 0.." + MAX_OBJECT_BYTES + " bytes, got " + sizeBytes);
        }
        long chunks = chunkCount(sizeBytes, chunkBytes);
        if (leaves == null || leaves.length != chunks * HASH_BYTES) {
            throw new IntegrityException("an object of " + sizeBytes + " bytes in chunks of " + chunkBytes + " needs " + chunks
                    + " leaf hashes, got " + (leaves == null ? 0 : leaves.length / (double) HASH_BYTES));
        }
    }

    /**
     * The chunk size for an object of {@code sizeBytes}: the power of two nearest above
     * {@code size / 64}, between 1 KiB and 16 KiB. A relay passes an object on only a verified
     * chunk at a time, so chunks must be small next to the object (a 2 s segment at 800 kbit/s
     * gets 4 KiB chunks: 16 ms per relay hop on a 2 Mbit/s uplink), while a digest stays at most
     * 64 leaves (~2.7 KB encoded) for anything above 1 MiB.
     */
    public static int chunkBytesFor(long sizeBytes) {
        long want = Math.max(MIN_CHUNK_BYTES, (sizeBytes + TARGET_CHUNKS - 1) / TARGET_CHUNKS);
        long pow = Long.highestOneBit(want);
        if (pow < want) {
            pow <<= 1;
        }
        return (int) Math.min(DEFAULT_CHUNK_BYTES, pow);
    }

    /** Hashes {@code data} in chunks of {@code chunkBytes}. */
    public static SegmentDigest of(byte[] data, int chunkBytes) {
        int chunks = (int) chunkCount(data.length, chunkBytes);
        byte[] leaves = new byte[chunks * HASH_BYTES];
        MessageDigest sha = sha256();
        for (int i = 0; i < chunks; i++) {
            int from = i * chunkBytes;
            leaf(sha, data, from, Math.min(chunkBytes, data.length - from), leaves, i * HASH_BYTES);
        }
        return new SegmentDigest(chunkBytes, data.length, leaves);
    }

    private static long chunkCount(long size, int chunk) {
        return chunk <= 0 ? 0 : (size + chunk - 1) / chunk;
    }

    /** Number of chunks (0 for an empty object). */
    public int chunkCount() {
        return leaves.length / HASH_BYTES;
    }

    /** The bytes of chunk {@code index}. */
    public ByteRange chunk(int index) {
        if (index < 0 || index >= chunkCount()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunkCount());
        }
        long start = (long) index * chunkBytes;
        return new ByteRange(start, Math.min(sizeBytes, start + chunkBytes));
    }

    /** Index of the chunk holding byte {@code offset}. */
    public int chunkAt(long offset) {
        return (int) (offset / chunkBytes);
    }

    /**
     * True if {@code buffer[from, from + chunk length)} is chunk {@code index}'s bytes.
     *
     * @param from where chunk {@code index} starts in {@code buffer} (its object offset when the
     *             buffer holds the whole object)
     */
    public boolean matches(int index, byte[] buffer, int from) {
        ByteRange r = chunk(index);
        int length = (int) r.length();
        if (from < 0 || from + length > buffer.length) {
            return false;
        }
        byte[] actual = new byte[HASH_BYTES];
        leaf(sha256(), buffer, from, length, actual, 0);
        return Arrays.equals(actual, 0, HASH_BYTES, leaves, index * HASH_BYTES, (index + 1) * HASH_BYTES);
    }

    /** The RFC 6962 Merkle tree hash over the leaves (SHA-256 of nothing for an empty object). */
    public byte[] root() {
        MessageDigest sha = sha256();
        int n = chunkCount();
        if (n == 0) {
            return sha.digest();
        }
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            level[i] = Arrays.copyOfRange(leaves, i * HASH_BYTES, (i + 1) * HASH_BYTES);
        }
        return subtree(sha, level, 0, n);
    }

    private static byte[] subtree(MessageDigest sha, byte[][] leaves, int from, int count) {
        if (count == 1) {
            return leaves[from];
        }
        int split = Integer.highestOneBit(count - 1);
        byte[] left = subtree(sha, leaves, from, split);
        byte[] right = subtree(sha, leaves, from + split, count - split);
        sha.reset();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    private static void leaf(MessageDigest sha, byte[] data, int from, int length, byte[] out, int at) {
        sha.reset();
        sha.update((byte) 0);
        sha.update(data, from, length);
        try {
            sha.digest(out, at, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer too small", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentDigest d && d.chunkBytes == chunkBytes && d.sizeBytes == sizeBytes && Arrays.equals(d.leaves, leaves);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sizeBytes) * 31 + Arrays.hashCode(leaves);
    }

    @Override
    public String toString() {
        return "SegmentDigest[" + sizeBytes + " bytes, " + chunkCount() + " chunks of " + chunkBytes + "]";
    }
}
