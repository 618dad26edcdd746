package io.privastream.origin;

import io.privastream.core.rate.Bandwidth;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an origin runs. Build with {@link #builder()}; every setting has a default.
 *
 * @param host        address to bind (default {@code 0.0.0.0})
 * @param port        port of the first listener (default 8080; 0 = any free port for every
 *                    listener); listener {@code i} uses {@code port + i}
 * @param servers     listeners, each a separate public server with its own upload cap (default
 *                    1); descriptors list them all, which is how experiments emulate N CDN nodes
 * @param dataDir     where the content registry lives (default {@code ./origin-data})
 * @param vod         on-demand titles: title → directory of packaged files
 * @param live        live streams the origin encodes itself (test source through ffmpeg)
 * @param ingestToken when set, ingest needs it (as a path segment {@code /ingest/TOKEN/...} or
 *                    {@code Authorization: Bearer TOKEN}); when absent, only loopback clients may
 *                    ingest
 * @param uploadCap   cap on each listener's outgoing bytes (default unlimited)
 * @param uploadCaps  per-listener caps overriding {@code uploadCap}, one per listener, or empty
 * @param publicUrls  base URLs to advertise in descriptors, one per listener (default: derived
 *                    from the request's Host header and each listener's port)
 * @param maxTransfers media-object answers each listener sends at once; more get 503 with
 *                    {@code Retry-After: 1} at once (agents then take the bytes from peers and
 *                    ask again shortly). 0 (the default) means no limit. Why: when viewers far
 *                    outnumber what a listener's uplink can feed, sharing it among all of them
 *                    makes every transfer crawl, and so every peer relaying one of them; a few
 *                    fast transfers seed the swarm instead (docs/simulator.md measures it).
 * @param reservedTransfers of {@code maxTransfers}, how many each listener keeps for requesters in
 *                    good standing at the token ledger (default 0, none; 0 to {@code maxTransfers}):
 *                    others get 503 once {@code maxTransfers - reservedTransfers} run. Requesters
 *                    show it with a ticket from {@code standingIssuer} and a proof for the request
 *                    ({@code AgentHeaders.STANDING}, {@code STANDING_PROOF}). Why: a busy origin
 *                    then turns away free-riders first, and contributors keep their access to it.
 * @param standingIssuer the key pin ({@code sha256:<43 base64url characters>}) of the tracker whose
 *                    standing tickets count; required when {@code reservedTransfers > 0}, unused
 *                    otherwise (default empty)
 * @param ffmpeg      which ffmpeg to use: {@code auto} (default), {@code bundled}, {@code system}
 *                    or a path
 */
public record OriginConfig(String host, int port, int servers, Path dataDir, Map<String, Path> vod, List<LiveStream> live,
        Optional<String> ingestToken, Bandwidth uploadCap, List<Bandwidth> uploadCaps, List<URI> publicUrls, int maxTransfers, int reservedTransfers,
        Optional<String> standingIssuer, String ffmpeg) {

    /**
     * A stream the origin packages itself: the test source encoded live, or a pre-encoded
     * {@link io.privastream.media.Mezzanine} replayed live without encoding (experiments).
     *
     * @param replay the mezzanine file to replay; empty = encode the test source live
     */
    public record LiveStream(String title, Ladder ladder, PackagerSettings settings, Optional<Path> replay) {
        public LiveStream {
            ContentRegistry.checkTitle(title);
        }
    }

    /** @throws IllegalArgumentException quoting the bad setting */
    public OriginConfig {
        if (port < 0 || port > 65535 || (port > 0 && port + servers - 1 > 65535)) {
            throw new IllegalArgumentException("port must be 0-65535 for every listener, got " + port + " with " + servers + " listeners");
        }
        if (servers < 1 || servers > 64) {
            throw new IllegalArgumentException("servers must be 1-64, got " + servers);
        }
        vod = Map.copyOf(vod);
        vod.keySet().forEach(ContentRegistry::checkTitle);
        live = List.copyOf(live);
        publicUrls = List.copyOf(publicUrls);
        uploadCaps = List.copyOf(uploadCaps);
        if (!uploadCaps.isEmpty() && uploadCaps.size() != servers) {
            throw new IllegalArgumentException("give one upload cap per listener: " + servers + " listeners, " + uploadCaps.size() + " caps");
        }
        if (!publicUrls.isEmpty() && publicUrls.size() != servers) {
            throw new IllegalArgumentException("give one public URL per listener: " + servers + " listeners, " + publicUrls.size() + " URLs");
        }
        if (maxTransfers < 0) {
            throw new IllegalArgumentException("maxTransfers must be >= 0 (0 = no limit), got " + maxTransfers);
        }
        if (reservedTransfers < 0 || reservedTransfers > maxTransfers) {
            throw new IllegalArgumentException("reservedTransfers must be 0.." + maxTransfers + " (maxTransfers, --max-transfers; "
                    + "only a limit can keep some of its transfers), got " + reservedTransfers);
        }
        standingIssuer.ifPresent(pin -> {
            if (!io.privastream.core.incentive.Receipt.isPin(pin)) {
                throw new IllegalArgumentException("standingIssuer (--standing-issuer) is a tracker's key pin, sha256:<43 base64url characters>, got '"
                        + pin + "'");
            }
        });
        if (reservedTransfers > 0 && standingIssuer.isEmpty()) {
            throw new IllegalArgumentException("reservedTransfers " + reservedTransfers + " needs standingIssuer (--standing-issuer PIN): "
                    + "the key pin of the tracker whose standing tickets count");
        }
        ingestToken.ifPresent(t -> {
            if (!t.matches("[A-Za-z0-9_-]{16,128}")) {
                throw new IllegalArgumentException("ingest token must be 16-128 characters of [A-Za-z0-9_-]");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link OriginConfig}; not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int servers = 1;
        private Path dataDir = Path.of("origin-data");
        private final Map<String, Path> vod = new LinkedHashMap<>();
        private final List<LiveStream> live = new ArrayList<>();
        private Optional<String> ingestToken = Optional.empty();
        private Bandwidth uploadCap = Bandwidth.UNLIMITED;
        private final List<Bandwidth> uploadCaps = new ArrayList<>();
        private final List<URI> publicUrls = new ArrayList<>();
        private String ffmpeg = "auto";
        private int maxTransfers;
        private int reservedTransfers;
        private Optional<String> standingIssuer = Optional.empty();

        private Builder() {
        }

        public Builder host(String h) { this.host = h; return this; }
        public Builder port(int p) { this.port = p; return this; }
        public Builder servers(int n) { this.servers = n; return this; }
        public Builder dataDir(Path d) { this.dataDir = d; return this; }
        public Builder vod(String title, Path directory) { this.vod.put(title, directory); return this; }
        public Builder live(String title, Ladder ladder, PackagerSettings settings) { this.live.add(new LiveStream(title, ladder, settings, Optional.empty())); return this; }
        /** A live stream replaying {@code mezzanine} (encoded with {@code ladder} and {@code settings}). */
        public Builder replay(String title, Ladder ladder, PackagerSettings settings, Path mezzanine) {
            this.live.add(new LiveStream(title, ladder, settings, Optional.of(mezzanine)));
            return this;
        }
        public Builder ingestToken(String token) { this.ingestToken = Optional.of(token); return this; }
        public Builder uploadCap(Bandwidth cap) { this.uploadCap = cap; return this; }
        public Builder uploadCaps(List<Bandwidth> caps) { this.uploadCaps.clear(); this.uploadCaps.addAll(caps); return this; }
        public Builder publicUrl(URI url) { this.publicUrls.add(url); return this; }
        public Builder ffmpeg(String choice) { this.ffmpeg = choice; return this; }
        /** Media-object answers each listener sends at once; 0 = no limit. */
        public Builder maxTransfers(int n) { this.maxTransfers = n; return this; }
        /** Of {@link #maxTransfers}, how many only requesters in good standing may take; 0 (the default) = none. Needs {@link #standingIssuer}. */
        public Builder reservedTransfers(int n) { this.reservedTransfers = n; return this; }
        /** The key pin ({@code sha256:...}) of the tracker whose standing tickets count; default none. */
        public Builder standingIssuer(String pin) { this.standingIssuer = Optional.of(pin); return this; }

        public OriginConfig build() {
            return new OriginConfig(host, port, servers, dataDir, vod, live, ingestToken, uploadCap, uploadCaps, publicUrls, maxTransfers, reservedTransfers,
                    standingIssuer, ffmpeg);
        }
    }

    /** The upload cap of listener {@code i}. */
    public Bandwidth uploadCapOf(int i) {
        return uploadCaps.isEmpty() ? uploadCap : uploadCaps.get(i);
    }
}
