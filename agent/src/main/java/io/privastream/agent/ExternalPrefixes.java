package io.privastream.agent;

import io.privastream.core.media.ContentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The URL prefixes a content's manifests point at outside its servers (another CDN host, an
 * absolute path), so the agent can proxy them too.
 *
 * <p>A reference {@code scheme://host/dir/file} becomes {@code /{contentId}/_x/{id}/file}, where
 * {@code id} is a hash of {@code scheme://host/dir/}: every agent derives the same object path, so
 * such objects are shared in the swarm like any other. Only prefixes seen in this content's own
 * manifests are ever fetched: a local client cannot make the agent fetch arbitrary URLs.
 * Thread-safe; holds at most {@link #MAX_PREFIXES}.
 */
final class ExternalPrefixes {
    /** The first path segment of proxied external objects. */
    static final String MARK = "_x";
    static final int MAX_PREFIXES = 1024;

    private final ContentId content;
    private final Map<String, URI> prefixes = new ConcurrentHashMap<>();

    ExternalPrefixes(ContentId content) {
        this.content = content;
    }

    /** The reference to write in place of {@code absolute}, which the agent will serve. */
    String register(URI absolute) {
        String raw = absolute.toString();
        int cut = raw.lastIndexOf('/') + 1;
        // Keep the file part (it may hold $Number$ templates the player fills in).
        URI prefix = URI.create(raw.substring(0, cut));
        String id = id(prefix);
        if (prefixes.size() < MAX_PREFIXES || prefixes.containsKey(id)) {
            prefixes.putIfAbsent(id, prefix);
        }
        return "/" + content + "/" + MARK + "/" + id + "/" + raw.substring(cut);
    }

    /** The upstream URL of {@code path} ({@code _x/{id}/rest}), if its prefix is known. */
    Optional<URI> resolve(String path) {
        if (!path.startsWith(MARK + "/")) {
            return Optional.empty();
        }
        String rest = path.substring(MARK.length() + 1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        URI prefix = prefixes.get(rest.substring(0, slash));
        return prefix == null ? Optional.empty() : Optional.of(prefix.resolve(Paths.relative(rest.substring(slash + 1))));
    }

    /** True if {@code path} names an external object (known or not). */
    static boolean isExternal(String path) {
        return path.startsWith(MARK + "/");
    }

    private static String id(URI prefix) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(prefix.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
