package io.privastream.core.media;

/**
 * Names one object of a content: a media or initialization segment, addressed by its path
 * relative to the content's base URL (e.g. {@code chunk-stream2-00042.m4s}).
 *
 * <p>The path is what the tracker indexes and what peers serve. It is always 1-512 characters,
 * relative (no leading {@code /}), without {@code ..} segments, backslashes, query or fragment,
 * or control characters, so it can be joined to any base URL or directory safely.
 *
 * @param content the content the object belongs to
 * @param path    the object's path relative to the content's base
 */
public record SegmentKey(ContentId content, String path) {
    /** Longest accepted path, in characters. */
    public static final int MAX_PATH_LENGTH = 512;

    /** @throws IllegalArgumentException if {@code path} is not a safe relative path (see class doc) */
    public SegmentKey {
        if (content == null) {
            throw new IllegalArgumentException("content id is required");
        }
        checkPath(path);
    }

    /**
     * Checks that {@code path} is a safe relative object path.
     *
     * @return {@code path}
     * @throws IllegalArgumentException quoting {@code path} when it is not
     */
    public static String checkPath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("object path must be 1-" + MAX_PATH_LENGTH + " characters, got '" + Text.quote(path) + "'");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("object path must be relative without '\\', '?' or '#', got '" + Text.quote(path) + "'");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("object path has an empty, '.' or '..' segment: '" + Text.quote(path) + "'");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("object path has a control character: '" + Text.quote(path) + "'");
            }
        }
        return path;
    }

    @Override
    public String toString() {
        return content + "/" + path;
    }
}
