package io.privastream.protocol;

import io.privastream.core.media.ContentId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What agents call a content and its objects at the tracker: keyed hashes, so that the tracker
 * stores and logs neither content ids nor object paths (renditions, segment numbers).
 *
 * <p>Swarm id: the first 128 bits of {@code HMAC-SHA256(key, "swarm")} in hex; object id: the
 * same of {@code HMAC-SHA256(key, "object/" + path)}. The key is the descriptor's
 * {@code swarmKey}; for content without one (a third-party origin), {@code SHA-256("privastream-swarm/1/" + contentId)},
 * which hides paths but lets whoever knows the content id recognise its swarm. The key is known
 * to every viewer: it blinds the tracker's state, not a tracker operator who fetches descriptors.
 *
 * <p>Immutable and thread-safe.
 */
public final class SwarmNames {
    private static final HexFormat HEX = HexFormat.of();
    private static final int ID_BYTES = 16;

    private final byte[] key;
    private final ContentId swarm;

    private SwarmNames(byte[] key) {
        this.key = key;
        this.swarm = ContentId.of(hash("swarm"));
    }

    /**
     * The names of {@code content}'s swarm under {@code swarmKey} (base64url), or under the key
     * derived from the content id when there is none.
     *
     * @throws IllegalArgumentException if {@code swarmKey} is not base64url of at least 16 bytes
     */
    public static SwarmNames of(ContentId content, Optional<String> swarmKey) {
        if (swarmKey.isPresent()) {
            byte[] k;
            try {
                k = Base64.getUrlDecoder().decode(swarmKey.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("swarm key of " + content + " is not base64url: " + e.getMessage());
            }
            if (k.length < 16) {
                throw new IllegalArgumentException("swarm key of " + content + " holds " + k.length + " bytes, at least 16 are needed");
            }
            return new SwarmNames(k);
        }
        try {
            return new SwarmNames(MessageDigest.getInstance("SHA-256")
                    .digest(("privastream-swarm/1/" + content.value()).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The id the tracker knows the swarm by. */
    public ContentId swarm() {
        return swarm;
    }

    /** The id the tracker knows the object at {@code path} by. */
    public String object(String path) {
        return hash("object/" + path);
    }

    private String hash(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(h, 0, ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
