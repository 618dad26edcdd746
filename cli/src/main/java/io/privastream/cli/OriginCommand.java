package io.privastream.cli;

import io.privastream.core.rate.Bandwidth;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.origin.OriginConfig;
import io.privastream.origin.OriginServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code privastream origin}: the public server and manifest server. */
@Command(name = "origin", mixinStandardHelpOptions = true,
        description = {"Runs an origin: serves DASH and HLS (VoD directories, live streams) with Range, validators and CORS,",
            "and content descriptors for agents. Live streams come from its own ffmpeg (--live TITLE) or are pushed",
            "by any ffmpeg: ffmpeg ... -f dash -hls_playlist 1 -method PUT http://ORIGIN:8080/ingest/NAME/manifest.mpd"})
final class OriginCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--port", description = "Port of the first listener (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port = 8080;

    @Option(names = "--servers", description = "Listeners, each a separate public server with its own upload cap (default: ${DEFAULT-VALUE}).")
    int servers = 1;

    @Option(names = "--data-dir", description = "Where the content registry lives (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("origin-data");

    @Option(names = "--vod", paramLabel = "TITLE=DIR", description = "Serve a directory of packaged DASH/HLS as TITLE. Repeatable.")
    Map<String, Path> vod = new LinkedHashMap<>();

    @Option(names = "--live", paramLabel = "TITLE", description = "Encode a live test stream (moving picture with a clock, tone) as TITLE. Repeatable.")
    List<String> live = new ArrayList<>();

    @Option(names = "--ladder", description = "Renditions of --live streams: standard, tiny, or WxH@RATE,... (default: ${DEFAULT-VALUE}).")
    String ladder = "standard";

    @Option(names = "--segment", description = "Segment duration of --live streams (default: ${DEFAULT-VALUE}).")
    Duration segment = Duration.ofSeconds(2);

    @Option(names = "--window", paramLabel = "SEGMENTS", description = "Live window in segments (default: ${DEFAULT-VALUE}).")
    int window = 15;

    @Option(names = "--upload-cap", paramLabel = "RATE", description = "Cap on each listener's upload, e.g. 10Mbit (default: unlimited).")
    Bandwidth uploadCap = Bandwidth.UNLIMITED;

    @Option(names = "--ingest-token", description = "Require this token to push streams (default: loopback-only ingest).")
    String ingestToken;

    @Option(names = "--public-url", paramLabel = "URL", description = "Base URL to advertise in descriptors, one per listener (default: from the Host header).")
    List<URI> publicUrls = new ArrayList<>();

    @Option(names = "--max-transfers", paramLabel = "N", description = "Media answers each listener sends at once; more get 503 and the agents take the bytes from peers (default: 0, no limit).")
    int maxTransfers;

    @Option(names = "--reserved-transfers", paramLabel = "N", description = {"Of --max-transfers, how many each listener keeps for agents in good standing",
        "(contributors: a ticket signed by the --standing-issuer tracker shows they earned at least 1 MB serving others,",
        "or their key is less than a minute old at its ledger); others get 503 first when the server is busy",
        "(default: ${DEFAULT-VALUE}, none; at most --max-transfers; needs --standing-issuer)."})
    int reservedTransfers;

    @Option(names = "--standing-issuer", paramLabel = "PIN", description = {"Key pin (sha256:..., printed by the tracker at start as --tracker-pin) of the tracker whose standing tickets count",
        "for --reserved-transfers (default: none; required when --reserved-transfers > 0)."})
    String standingIssuer;

    @Option(names = "--ffmpeg", description = "auto, bundled, system, or a path to ffmpeg (default: ${DEFAULT-VALUE}).")
    String ffmpeg = "auto";

    @Override
    public Integer call() {
        Ladder l = Ladder.parse(ladder);
        PackagerSettings p = PackagerSettings.defaults().withSegmentDuration(segment).withWindowSegments(window);
        OriginConfig.Builder b = OriginConfig.builder().host(host).port(port).servers(servers).dataDir(dataDir).uploadCap(uploadCap).maxTransfers(maxTransfers)
                .reservedTransfers(reservedTransfers).ffmpeg(ffmpeg);
        vod.forEach(b::vod);
        live.forEach(t -> b.live(t, l, p));
        publicUrls.forEach(b::publicUrl);
        if (ingestToken != null) {
            b.ingestToken(ingestToken);
        }
        if (standingIssuer != null) {
            b.standingIssuer(standingIssuer);
        }
        OriginServer origin = new OriginServer(b.build()).start();
        URI base = origin.baseUrls().getFirst();
        System.out.println("origin serving on " + origin.baseUrls() + "; contents: " + base + "content");
        for (String title : live) {
            origin.contentId(title).ifPresent(id -> System.out.println("  live '" + title + "' -> " + base + "content/" + id + "/manifest.mpd"));
        }
        for (String title : vod.keySet()) {
            origin.contentId(title).ifPresent(id -> System.out.println("  vod '" + title + "' -> " + base + "content/" + id + "/manifest.mpd"));
        }
        System.out.println("  push a stream: ffmpeg ... -f dash -hls_playlist 1 -method PUT " + base + "ingest/"
                + (ingestToken == null ? "" : "TOKEN/") + "NAME/manifest.mpd");
        Shutdown.awaitSignal(origin::close);
        return 0;
    }
}
