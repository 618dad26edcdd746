package io.privastream.origin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One object the origin serves: immutable bytes with their validators.
 *
 * @param data         the bytes; never modified after construction
 * @param etag         a strong entity tag (RFC 9110 §8.8.3), quoted: a hash of the bytes
 * @param lastModified when the bytes were stored, to the second (HTTP dates have no more)
 */
public record StoredObject(byte[] data, String etag, Instant lastModified) {

    /** Wraps {@code data} stored at {@code when}, computing its entity tag. */
    public static StoredObject of(byte[] data, Instant when) {
        return new StoredObject(data, etagOf(data), when.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String etagOf(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The bytes as UTF-8 text (manifests). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
