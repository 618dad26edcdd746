package io.privastream.agent;

import io.privastream.manifest.DashReader;
import io.privastream.manifest.LiveEdgeHoldback;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.ManifestKind;
import io.privastream.manifest.ManifestRewriter;
import io.privastream.manifest.Presentation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every URL in a manifest lead back to the agent: references under one of the content's
 * servers become {@code /{contentId}/{path}}, any other absolute or absolute-path reference
 * becomes an external object {@code /{contentId}/_x/{id}/...}. Relative references already do.
 */
final class ManifestRouting {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestRouting.class);

    private ManifestRouting() {
    }

    /**
     * The manifest as the player should see it; unchanged when it holds only relative references.
     *
     * @throws AgentException 502 when the upstream manifest is not a manifest the agent can read
     */
    static byte[] route(ContentSession session, String path, ManifestProxy.Manifest m) {
        return route(session, path, m, Duration.ZERO);
    }

    /**
     * As {@link #route(ContentSession, String, ManifestProxy.Manifest)}, with a live DASH
     * manifest's edge held back by {@code holdback} (see {@link LiveEdgeHoldback}); the
     * presentation as the origin published it is remembered in the session for the prefetcher.
     *
     * @throws AgentException 502 when the upstream manifest is not a manifest the agent can read
     */
    static byte[] route(ContentSession session, String path, ManifestProxy.Manifest m, Duration holdback) {
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
            if (kind.get() == ManifestKind.DASH && !holdback.isZero() && remember(session, text, m)) {
                routed = LiveEdgeHoldback.delayDash(routed, holdback);
            }
            return routed.equals(text) ? m.body() : routed.getBytes(StandardCharsets.UTF_8);
        } catch (ManifestException | IllegalArgumentException e) {
            throw new AgentException(502, "manifest " + path + " from " + m.url() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Reads the MPD for its segment times; true when it is live and could be read. */
    private static boolean remember(ContentSession session, String text, ManifestProxy.Manifest m) {
        try {
            Presentation p = DashReader.read(text, m.url());
            if (!p.live()) {
                return false;
            }
            session.presentation(p);
            return true;
        } catch (ManifestException e) {
            // Our reader is stricter than players: serve it as it is, without a lead.
            LOG.debug("no live lead for {}: {}", m.url(), e.getMessage());
            return false;
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
