package io.privastream.experiments.bench;

import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.core.media.ContentId;
import io.privastream.origin.OriginConfig;
import io.privastream.origin.OriginServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code privastream bench proxy}: how fast an agent serves cached segments to local clients,
 * side by side with the origin serving the same files, over loopback.
 *
 * <p>Content: {@code seconds} of the standard ladder packaged by ffmpeg (real fMP4 segments).
 * The agent's cache is warmed by fetching every segment through it once; then rounds alternate
 * origin and agent runs of the same closed-loop load so both see the same machine conditions,
 * and the results are merged per target.
 */
public final class ProxyBench {
    /**
     * @param clients        concurrent clients
     * @param roundDuration  length of each run
     * @param rounds         origin+agent pairs
     * @param contentSeconds seconds of video to package
     */
    public record Settings(int clients, Duration roundDuration, int rounds, int contentSeconds) {
        public Settings {
            if (clients < 1 || rounds < 1 || contentSeconds < 2 || roundDuration.isNegative() || roundDuration.isZero()) {
                throw new IllegalArgumentException("invalid bench settings: " + clients + " clients, " + rounds + " rounds, "
                        + contentSeconds + " s of content, " + roundDuration);
            }
        }
    }

    /** What the bench measured. */
    public record Result(LoadResult origin, LoadResult agent, int objects, long objectBytes) {
        /** Agent throughput / origin throughput. */
        public double ratio() {
            return agent.gigabytesPerSecond() / origin.gigabytesPerSecond();
        }
    }

    private final Settings settings;
    private final PrintStream out;

    public ProxyBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws IOException, InterruptedException {
        Path dir = io.privastream.experiments.TempDirs.create("privastream-bench-");
        BenchContent content = BenchContent.prepare(dir, settings.contentSeconds(), out);
        Path vod = content.vod();
        Map<String, Long> objects = content.objects();
        long total = content.totalBytes();
        try (OriginServer origin = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("data"))
                .vod("bench", vod).build()).start();
             Agent agent = new Agent(AgentConfig.builder().playerPort(0).peerHost("127.0.0.1").manifestServer(origin.baseUrls().getFirst())
                     .seed(1).build()).start()) {
            ContentId id = origin.contentId("bench").orElseThrow();
            URI originBase = origin.baseUrls().getFirst().resolve("content/" + id + "/");
            URI agentBase = agent.playerBase().resolve(id + "/");
            warm(HttpClient.newHttpClient(), agentBase, objects);
            out.printf(Locale.ROOT, "%d segments (%.1f MB, mean %.0f kB) cached in the agent; %d clients, %d rounds of %s each%n",
                    objects.size(), total / 1e6, total / 1e3 / objects.size(), settings.clients(), settings.rounds(), settings.roundDuration());
            LoadGenerator load = new LoadGenerator(settings.clients(), settings.roundDuration(), 42);
            // A short unmeasured run of each warms the JIT on both paths.
            new LoadGenerator(settings.clients(), Duration.ofSeconds(3), 7).run("warmup", originBase, objects);
            new LoadGenerator(settings.clients(), Duration.ofSeconds(3), 7).run("warmup", agentBase, objects);
            List<LoadResult> originRuns = new ArrayList<>();
            List<LoadResult> agentRuns = new ArrayList<>();
            for (int r = 1; r <= settings.rounds(); r++) {
                originRuns.add(load.run("origin", originBase, objects));
                agentRuns.add(load.run("agent", agentBase, objects));
                out.printf(Locale.ROOT, "round %d/%d: origin %.3f GB/s, agent %.3f GB/s%n", r, settings.rounds(),
                        originRuns.getLast().gigabytesPerSecond(), agentRuns.getLast().gigabytesPerSecond());
            }
            Result result = new Result(LoadResult.merge("origin", originRuns), LoadResult.merge("agent", agentRuns), objects.size(), total);
            out.println(result.origin());
            out.println(result.agent());
            out.printf(Locale.ROOT, "agent / origin throughput: %.2f%n", result.ratio());
            return result;
        } finally {
            io.privastream.experiments.TempDirs.delete(dir);
        }
    }

    /** Fetches every object through an agent's player port once, so the agent caches them all; closes {@code http}. */
    static void warm(HttpClient http, URI agentBase, Map<String, Long> objects) throws IOException, InterruptedException {
        try (http) {
            for (var e : objects.entrySet()) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(agentBase.resolve(e.getKey())).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length != e.getValue()) {
                    throw new IOException("warming the agent's cache failed for " + e.getKey() + ": status " + r.statusCode());
                }
            }
        }
    }
}
