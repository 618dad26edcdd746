package io.privastream.player;

import io.privastream.manifest.HlsReader;
import io.privastream.manifest.MasterPlaylist;
import io.privastream.manifest.MediaPlaylist;
import io.privastream.manifest.Presentation;
import io.privastream.manifest.Representation;
import io.privastream.manifest.TrackKind;
import io.privastream.manifest.Variant;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A master playlist and the media playlists loaded so far. Like hls.js, it loads a variant's
 * playlist only when the player first needs it, and on a live refresh reloads only the
 * playlists in use (RFC 8216 §6.3.4).
 */
final class HlsSource implements PresentationSource {
    private final Http http;
    private final MasterPlaylist master;
    private final Map<URI, MediaPlaylist> loaded = new LinkedHashMap<>();
    private Presentation current;

    private HlsSource(Http http, MasterPlaylist master) {
        this.http = http;
        this.master = master;
    }

    /** Reads the master and loads the lowest variant and its default audio, enough to know the presentation. */
    static HlsSource open(Http http, Http.Body body) throws FetchException, SessionOver {
        HlsSource source = new HlsSource(http, HlsReader.parseMaster(body.text(), body.uri()));
        Variant lowest = source.master.variants().stream().min(Comparator.comparingLong(Variant::bandwidthBitsPerSecond)).orElseThrow();
        if (lowest.uri().equals(body.uri())) {
            source.loaded.put(lowest.uri(), HlsReader.parseMedia(body.text(), body.uri())); // a lone media playlist
        } else {
            source.load(lowest.uri());
        }
        source.current = HlsReader.presentation(source.master, source.loaded);
        for (var track : source.current.periods().getFirst().tracks(TrackKind.AUDIO)) {
            source.ensureLoaded(track.representations().getFirst());
        }
        return source;
    }

    private void load(URI playlist) throws FetchException, SessionOver {
        Http.Body body = http.text(playlist);
        loaded.put(playlist, HlsReader.parseMedia(body.text(), playlist));
    }

    @Override
    public Presentation current() {
        return current;
    }

    @Override
    public void refresh(Collection<Representation> inUse) throws FetchException, SessionOver {
        for (Representation rep : inUse) {
            if (rep.playlist().isPresent()) {
                load(rep.playlist().get());
            }
        }
        current = HlsReader.presentation(master, loaded);
    }

    @Override
    public void switchedTo(Representation rep, boolean live) throws FetchException, SessionOver {
        if (live && rep.playlist().isPresent() && loaded.containsKey(rep.playlist().get())) {
            load(rep.playlist().get());
            current = HlsReader.presentation(master, loaded);
        } else {
            ensureLoaded(rep);
        }
    }

    @Override
    public void ensureLoaded(Representation rep) throws FetchException, SessionOver {
        if (rep.playlist().isPresent() && !loaded.containsKey(rep.playlist().get())) {
            load(rep.playlist().get());
            current = HlsReader.presentation(master, loaded);
        }
    }
}
