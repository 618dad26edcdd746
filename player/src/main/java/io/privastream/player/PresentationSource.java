package io.privastream.player;

import io.privastream.core.media.Text;
import io.privastream.manifest.ManifestException;
import io.privastream.manifest.ManifestKind;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** Where the session's {@link Presentation} comes from, and how it is kept fresh. */
interface PresentationSource {

    /** The presentation as last loaded. */
    Presentation current();

    /** Reloads what a live session needs: the MPD, or the media playlists of {@code inUse}. */
    void refresh(Collection<Representation> inUse) throws FetchException, SessionOver;

    /** Makes sure {@code rep}'s segments are known (loads its HLS media playlist if needed). */
    void ensureLoaded(Representation rep) throws FetchException, SessionOver;

    /** The player switched to {@code rep}: load its segments, and for live HLS reload them (they may be stale). */
    void switchedTo(Representation rep, boolean live) throws FetchException, SessionOver;

    /**
     * Fetches the manifest at {@code url} and reads it as DASH or HLS, by content.
     *
     * @throws ManifestException if it is neither, or malformed
     */
    static PresentationSource open(Http http, URI url) throws FetchException, SessionOver {
        Http.Body body = http.text(url);
        ManifestKind kind = ManifestKind.sniff(body.text().getBytes(StandardCharsets.UTF_8), url.getPath() + " " + body.contentType())
                .orElseThrow(() -> new ManifestException("neither an MPD nor an HLS playlist at " + Text.quote(url.toString())
                        + " (Content-Type '" + Text.quote(body.contentType()) + "')"));
        return kind == ManifestKind.DASH ? DashSource.open(http, body) : HlsSource.open(http, body);
    }
}
