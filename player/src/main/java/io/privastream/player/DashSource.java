package io.privastream.player;

import io.privastream.manifest.DashReader;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import java.util.Collection;

/** An MPD, reloaded whole (from its {@code Location} when given, ISO/IEC 23009-1 §5.4). */
final class DashSource implements PresentationSource {
    private final Http http;
    private Presentation current;

    private DashSource(Http http, Presentation current) {
        this.http = http;
        this.current = current;
    }

    static DashSource open(Http http, Http.Body body) {
        return new DashSource(http, DashReader.read(body.text(), body.uri()));
    }

    @Override
    public Presentation current() {
        return current;
    }

    @Override
    public void refresh(Collection<Representation> inUse) throws FetchException, SessionOver {
        Http.Body body = http.text(current.refreshUrl());
        current = DashReader.read(body.text(), body.uri());
    }

    @Override
    public void ensureLoaded(Representation rep) {
        // An MPD describes every representation's segments at once.
    }

    @Override
    public void switchedTo(Representation rep, boolean live) {
        // Same: the last reload covered it.
    }
}
