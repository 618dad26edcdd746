package io.privastream.origin;

import io.privastream.core.media.Text;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may push a live stream, and where: parses ingest paths and checks the token.
 *
 * <p>Paths: {@code /ingest/{stream}/{file}}, or with a token {@code /ingest/{token}/{stream}/{file}}
 * (ffmpeg's dash muxer sends no custom headers with its segment uploads, so the token rides in the
 * path, like an RTMP stream key). {@code Authorization: Bearer TOKEN} works too.
 */
final class Ingest {
    /** A parsed ingest target. */
    record Target(String stream, String file) {
    }

    private final Optional<String> token;
    private final String ownToken;

    /**
     * @param token    the configured ingest token; without one, only loopback clients may push
     * @param ownToken the token the origin's own encoders push with (in the path), always
     *                 accepted: they may reach a listener bound to an address other than loopback
     */
    Ingest(Optional<String> token, String ownToken) {
        this.token = token;
        this.ownToken = ownToken;
    }

    /**
     * Parses {@code path} (after {@code /ingest/}) and checks the caller's right to push.
     *
     * @throws OriginException 403 without the right, 400 for a malformed path
     */
    Target authorize(String rest, String remoteAddress, Optional<String> authorization) {
        String[] parts = rest.split("/", 3);
        boolean tokenInPath = token.isPresent() && constantTimeEquals(parts[0], token.get()) || constantTimeEquals(parts[0], ownToken);
        if (tokenInPath && (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty())) {
            throw new OriginException(400, "ingest path must be /ingest/TOKEN/{stream}/{file}");
        }
        String stream;
        String file;
        if (tokenInPath) {
            stream = parts[1];
            file = parts[2];
        } else {
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new OriginException(400, "ingest path must be /ingest/{stream}/{file}, got '/ingest/" + Text.quote(rest) + "'");
            }
            stream = rest.substring(0, slash);
            file = rest.substring(slash + 1);
            boolean allowed = token.isPresent()
                    ? authorization.map(a -> a.startsWith("Bearer ") && constantTimeEquals(a.substring(7).strip(), token.get())).orElse(false)
                    : isLoopback(remoteAddress);
            if (!allowed) {
                throw new OriginException(403, token.isPresent()
                        ? "ingest needs the token: push to /ingest/TOKEN/" + Text.quote(stream) + "/... or send Authorization: Bearer TOKEN"
                        : "ingest is only accepted from this machine unless the origin has an ingest token (--ingest-token)");
            }
        }
        try {
            ContentRegistry.checkTitle(stream);
        } catch (IllegalArgumentException e) {
            throw new OriginException(400, "stream name: " + e.getMessage());
        }
        return new Target(stream, file);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
