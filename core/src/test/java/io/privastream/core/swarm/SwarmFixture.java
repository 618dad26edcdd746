package io.privastream.core.swarm;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import java.util.List;

/** A book on a manual clock with short, distinct timings, and names for ids. */
final class SwarmFixture {
    static final ContentId LIVE = ContentId.of("livechannel1");
    static final ContentId VOD = ContentId.of("vodtitle0001");
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration WINDOW = Duration.ofSeconds(30);

    final ManualTicker clock = new ManualTicker(1_000_000_000L);
    final SwarmBook book;

    SwarmFixture() {
        this(policy().build());
    }

    SwarmFixture(SwarmPolicy policy) {
        book = SwarmBook.inMemory(policy, clock);
    }

    static SwarmPolicy.Builder policy() {
        return SwarmPolicy.builder().heartbeatInterval(HEARTBEAT).peerTimeout(TIMEOUT).liveWindow(WINDOW);
    }

    static PeerId peer(int n) {
        return PeerId.of(String.format("peer-%04d", n));
    }

    static String endpoint(int n) {
        return "http://10.0.0." + (n % 250) + ":" + (8000 + n);
    }

    void join(ContentId content, int peer) {
        book.join(content, peer(peer), endpoint(peer), content.equals(VOD) ? SwarmMode.VOD : SwarmMode.LIVE);
    }

    void have(ContentId content, int peer, String... paths) {
        book.announce(content, peer(peer), List.of(paths).stream().map(p -> new HeldObject(p, 1000)).toList(), List.of());
    }

    void drop(ContentId content, int peer, String... paths) {
        book.announce(content, peer(peer), List.of(), List.of(paths));
    }

    void advance(Duration step) {
        clock.advance(step);
    }

    List<PeerId> holders(ContentId content, String path) {
        return book.holders(content, path, 50).stream().map(HolderInfo::peer).toList();
    }
}
