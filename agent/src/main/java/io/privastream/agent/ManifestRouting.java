package io.privastream.agent;

import io.privastream.manifest.ManifestException;
import io.privastream.manifest.ManifestKind;
import io.privastream.manifest.ManifestRewriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Makes every URL in a manifest lead back to the agent: references under one of the content's
 * servers become {@code /{contentId}/{path}}, any other absolute or absolute-path reference
 * becomes an external object {@code /{contentId}/_x/{id}/...}. Relative references already do.
 */
final class ManifestRouting {
    private ManifestRouting() {
    }

    /**
     * The manifest as the player should see it; unchanged when it holds only relative references.
     *
     * @throws AgentException 502 when the upstream manifest is not a manifest the agent can read
     */
    static byte[] route(ContentSession session, String path, ManifestProxy.Manifest m) {
        Optional<ManifestKind> kind = ManifestKind.sniff(m.body(), path);
        if (kind.isEmpty()) {
            return m.body();
        }
        String text = new String(m.body(), StandardCharsets.UTF_8);
        try {
            String routed = switch (kind.get()) {
                case DASH -> ManifestRewriter.rewriteDash(text, m.url(), u -> toAgent(session, u));
                case HLS -> ManifestRewriter.rewriteHls(text, m.url(), u -> toAgent(session, u));
            };
            return routed.equals(text) ? m.body() : routed.getBytes(StandardCharsets.UTF_8);
        } catch (ManifestException | IllegalArgumentException e) {
            throw new AgentException(502, "manifest " + path + " from " + m.url() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String toAgent(ContentSession session, URI absolute) {
        String id = session.descriptor().contentId().value();
        String u = absolute.toString();
        return session.serverOf(absolute)
                .map(server -> "/" + id + "/" + u.substring(server.endpoint().length()))
                .orElseGet(() -> session.external().register(absolute));
    }
}
