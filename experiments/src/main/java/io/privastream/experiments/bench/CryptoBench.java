package io.privastream.experiments.bench;

import com.sun.management.OperatingSystemMXBean;
import io.privastream.agent.Agent;
import io.privastream.agent.AgentConfig;
import io.privastream.agent.Privacy;
import io.privastream.core.media.ContentId;
import io.privastream.experiments.TempDirs;
import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pins;
import io.privastream.origin.OriginConfig;
import io.privastream.origin.OriginServer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * {@code privastream bench crypto}: the peer link's cost, encrypted against plain HTTP. Two agents
 * hold the same real segments in their caches, one serving peers over the configured link
 * protocol ({@link LinkProtocol#configured()}: Noise XX by default, TLS 1.3 with
 * {@code PRIVASTREAM_LINKS=tls}), pinned, one over plain HTTP; closed-loop clients fetch segments from their peer ports, as
 * other agents do, in alternating rounds. Both ends run in this JVM, so the process's CPU time
 * covers encryption and decryption: the figure is megabytes carried per second of one core.
 */
public final class CryptoBench {
    /**
     * @param clients        concurrent peer clients
     * @param roundDuration  length of each run
     * @param rounds         plain+encrypted pairs
     * @param contentSeconds seconds of video to package
     */
    public record Settings(int clients, Duration roundDuration, int rounds, int contentSeconds) {
        public Settings {
            if (clients < 1 || rounds < 1 || contentSeconds < 2 || !roundDuration.isPositive()) {
                throw new IllegalArgumentException("invalid bench settings: " + clients + " clients, " + rounds + " rounds, "
                        + contentSeconds + " s of content, " + roundDuration);
            }
        }
    }

    /** One link kind's figures: the load result and the CPU time it took. */
    public record Side(LoadResult load, long cpuNanos) {
        /** Megabytes (10^6 bytes) carried per CPU second. */
        public double megabytesPerCoreSecond() {
            return load.bytes() / 1e6 / (cpuNanos / 1e9);
        }

        /** CPU seconds per gigabyte (10^9 bytes) carried. */
        public double cpuSecondsPerGigabyte() {
            return 1e3 / megabytesPerCoreSecond();
        }
    }

    /**
     * What the bench measured.
     *
     * @param protocol  the encrypted side's link protocol
     * @param encrypted its figures
     * @param aead      what its AEAD alone costs here, to set the ratio beside its ceiling
     */
    public record Result(Side plain, LinkProtocol protocol, Side encrypted, AeadCost.Result aead) {
        /** Encrypted throughput per core / plain throughput per core. */
        public double perCoreRatio() {
            return encrypted.megabytesPerCoreSecond() / plain.megabytesPerCoreSecond();
        }

        /**
         * The per-core ratio a link would reach that added to the plain path nothing but the
         * AEAD's own cost (see {@link AeadCost}).
         */
        public double ceiling() {
            return aead.ceiling(plain.cpuSecondsPerGigabyte());
        }

        /** Encrypted wall throughput / plain wall throughput. */
        public double wallRatio() {
            return encrypted.load().gigabytesPerSecond() / plain.load().gigabytesPerSecond();
        }
    }

    private final Settings settings;
    private final PrintStream out;

    public CryptoBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws IOException, InterruptedException {
        Path dir = TempDirs.create("privastream-bench-crypto-");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try {
            BenchContent content = BenchContent.prepare(dir, settings.contentSeconds(), out);
            try (OriginServer origin = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("data"))
                    .vod("bench", content.vod()).build()).start();
                 Agent plain = agent(origin, Privacy.off(), 1);
                 Agent tls = agent(origin, Privacy.defaults(), 2)) {
                ContentId id = origin.contentId("bench").orElseThrow();
                ProxyBench.warm(HttpClient.newHttpClient(), plain.playerBase().resolve(id + "/"), content.objects());
                ProxyBench.warm(HttpClient.newHttpClient(), tls.playerBase().resolve(id + "/"), content.objects());
                URI plainBase = URI.create("http://127.0.0.1:" + plain.peerPort() + "/peer/v1/" + id + "/");
                URI tlsBase = URI.create("https://127.0.0.1:" + tls.peerPort() + "/peer/v1/" + id + "/");
                Supplier<HttpClient> plainClients = () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                LinkProtocol protocol = LinkProtocol.configured();
                AeadCost.Aead aead = AeadCost.Aead.of(protocol);
                Supplier<HttpClient> tlsClients = pinnedClients(tls, protocol);
                out.printf(Locale.ROOT, "%d segments (%.1f MB, mean %.0f kB) cached in both agents; %d peer clients, %d rounds of %s each%n",
                        content.objects().size(), content.totalBytes() / 1e6, content.totalBytes() / 1e3 / content.objects().size(),
                        settings.clients(), settings.rounds(), settings.roundDuration());
                new LoadGenerator(settings.clients(), Duration.ofSeconds(3), 7, plainClients).run("warmup", plainBase, content.objects());
                new LoadGenerator(settings.clients(), Duration.ofSeconds(3), 7, tlsClients).run("warmup", tlsBase, content.objects());
                List<LoadResult> plainRuns = new ArrayList<>();
                List<LoadResult> tlsRuns = new ArrayList<>();
                long plainCpu = 0;
                long tlsCpu = 0;
                for (int r = 1; r <= settings.rounds(); r++) {
                    long c0 = os.getProcessCpuTime();
                    plainRuns.add(new LoadGenerator(settings.clients(), settings.roundDuration(), 40 + r, plainClients)
                            .run("plain", plainBase, content.objects()));
                    long c1 = os.getProcessCpuTime();
                    tlsRuns.add(new LoadGenerator(settings.clients(), settings.roundDuration(), 40 + r, tlsClients)
                            .run("tls", tlsBase, content.objects()));
                    long c2 = os.getProcessCpuTime();
                    plainCpu += c1 - c0;
                    tlsCpu += c2 - c1;
                    out.printf(Locale.ROOT, "round %d/%d: plain %.3f GB/s, %s %.3f GB/s%n", r, settings.rounds(),
                            plainRuns.getLast().gigabytesPerSecond(), protocol.label(), tlsRuns.getLast().gigabytesPerSecond());
                }
                out.println("measuring " + aead.name() + " alone on one core...");
                Result result = new Result(new Side(LoadResult.merge("plain", plainRuns), plainCpu), protocol,
                        new Side(LoadResult.merge(protocol.id(), tlsRuns), tlsCpu), AeadCost.measure(Duration.ofSeconds(1), aead));
                print(result);
                return result;
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    private void print(Result r) {
        for (Side s : List.of(r.plain(), r.encrypted())) {
            out.println(s.load());
            out.printf(Locale.ROOT, "%-8s %8.1f MB/s per core (%.1f CPU s for %.0f MB, both ends)%n", s.load().label(),
                    s.megabytesPerCoreSecond(), s.cpuNanos() / 1e9, s.load().bytes() / 1e6);
        }
        AeadCost.Aead aead = AeadCost.Aead.of(r.protocol());
        out.printf(Locale.ROOT, "%s / plain: %.2f per core, %.2f wall%n", r.protocol().label(), r.perCoreRatio(), r.wallRatio());
        out.printf(Locale.ROOT, "%s alone, one core, %d-byte records: seal %.2f, open %.2f CPU s per GB (%.1f / %.1f GB/s)%n",
                aead.name(), aead.recordBytes(), r.aead().sealSecondsPerGb(), r.aead().openSecondsPerGb(), 1 / r.aead().sealSecondsPerGb(),
                1 / r.aead().openSecondsPerGb());
        out.printf(Locale.ROOT, "ceiling: plain's %.2f CPU s per GB plus the AEAD's alone would give %.2f of plain per core; "
                + "%s reached %.0f %% of that%n", r.plain().cpuSecondsPerGigabyte(), r.ceiling(), r.protocol().label(),
                100 * r.perCoreRatio() / r.ceiling());
    }

    private static Agent agent(OriginServer origin, Privacy privacy, long seed) {
        return new Agent(AgentConfig.builder().playerPort(0).peerHost("127.0.0.1").manifestServer(origin.baseUrls().getFirst())
                .privacy(privacy).seed(seed).build()).start();
    }

    /** Clients that pin the serving agent's key, each with its own key, as other agents are. */
    private static Supplier<HttpClient> pinnedClients(Agent serving, LinkProtocol protocol) {
        Pins pins = new Pins();
        pins.put("127.0.0.1", serving.peerPort(), serving.pin());
        return () -> {
            SSLContext context = protocol.context(NodeIdentity.generate(), pins);
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).sslParameters(protocol.clientParameters()).build();
        };
    }
}
