package io.privastream.experiments.bench;

import io.privastream.core.integrity.PublisherKeys;
import io.privastream.core.integrity.SegmentDigest;
import io.privastream.core.integrity.SignedDigest;
import io.privastream.core.media.ContentId;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code privastream bench verify}: what checking peer bytes costs an agent, in CPU time of the
 * calling thread (so other load on the machine does not count).
 *
 * <p>Each round does, for objects of {@code objectBytes}, what an agent does per object fetched
 * from peers: decode the signed digest and check its Ed25519 signature, then check every chunk
 * ({@link SegmentDigest#matches}); side by side, the baseline is copying the same bytes once
 * (what the agent's I/O does with every byte anyway). Rounds alternate the two. The result is
 * the CPU share of one core that verification takes at {@code rateBitsPerSecond} of media.
 */
public final class VerifyBench {
    /**
     * @param objectBytes       size of each object (default 200 kB: a 2 s segment at 800 kbit/s)
     * @param rateBitsPerSecond media rate to express the cost at (default 10 Mbit/s: a peer's
     *                          whole download link in the reference experiment)
     * @param round             CPU time per round and kind
     * @param rounds            rounds
     */
    public record Settings(int objectBytes, long rateBitsPerSecond, Duration round, int rounds) {
        public Settings {
            if (objectBytes < 1 || objectBytes > SegmentDigest.MAX_OBJECT_BYTES || rateBitsPerSecond < 1 || !round.isPositive() || rounds < 1) {
                throw new IllegalArgumentException("bad verify bench settings: " + objectBytes + " B, " + rateBitsPerSecond + " bit/s, "
                        + round + ", " + rounds + " rounds");
            }
        }
    }

    /**
     * @param verifyBytesPerCpuSecond bytes verified per second of one core (signature included)
     * @param copyBytesPerCpuSecond   bytes copied per second of one core (the baseline)
     * @param cpuShareAtRate          share of one core verification takes at the settings' rate
     */
    public record Result(double verifyBytesPerCpuSecond, double copyBytesPerCpuSecond, double cpuShareAtRate) {
    }

    private final Settings settings;
    private final PrintStream out;

    public VerifyBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        byte[] object = new byte[settings.objectBytes()];
        new SplittableRandom(1).nextBytes(object);
        KeyPair keys = PublisherKeys.generate();
        ContentId content = ContentId.of("bench0000000001");
        String path = "chunk-stream0-00001.m4s";
        byte[] encoded = SignedDigest.sign(content, path, object, SegmentDigest.chunkBytesFor(object.length), keys.getPrivate()).encode();
        byte[] copy = new byte[object.length];
        long verifiedBytes = 0;
        long verifyNanos = 0;
        long copiedBytes = 0;
        long copyNanos = 0;
        long roundNanos = settings.round().toNanos();
        out.printf(Locale.ROOT, "objects of %d bytes (%d-byte chunks), %d rounds of %s CPU time each%n", object.length,
                SegmentDigest.chunkBytesFor(object.length), settings.rounds(), settings.round());
        int sink = 0;
        for (int r = 1; r <= settings.rounds(); r++) {
            long began = cpu.getCurrentThreadCpuTime();
            long n = 0;
            while (cpu.getCurrentThreadCpuTime() - began < roundNanos) {
                SegmentDigest d = SignedDigest.decode(encoded).verify(keys.getPublic(), content, path).digest();
                for (int i = 0; i < d.chunkCount(); i++) {
                    if (!d.matches(i, object, (int) d.chunk(i).start())) {
                        throw new IllegalStateException("bench object failed its own digest");
                    }
                }
                n++;
            }
            long vt = cpu.getCurrentThreadCpuTime() - began;
            began = cpu.getCurrentThreadCpuTime();
            long m = 0;
            while (cpu.getCurrentThreadCpuTime() - began < roundNanos) {
                System.arraycopy(object, 0, copy, 0, object.length);
                sink += copy[(int) (m % copy.length)];
                m++;
            }
            long ct = cpu.getCurrentThreadCpuTime() - began;
            verifiedBytes += n * object.length;
            verifyNanos += vt;
            copiedBytes += m * object.length;
            copyNanos += ct;
            out.printf(Locale.ROOT, "round %d: verify %.1f MB/s per core, copy %.1f MB/s per core%n", r,
                    n * object.length / (vt / 1e9) / 1e6, m * object.length / (ct / 1e9) / 1e6);
        }
        double verify = verifiedBytes / (verifyNanos / 1e9);
        double copyRate = copiedBytes / (copyNanos / 1e9);
        double share = settings.rateBitsPerSecond() / 8.0 / verify;
        out.printf(Locale.ROOT, "verify: %.1f MB/s per core (%.0f objects/s), copy baseline: %.1f MB/s per core (verify/copy %.3f)%n",
                verify / 1e6, verify / object.length, copyRate / 1e6, verify / copyRate);
        out.printf(Locale.ROOT, "at %.1f Mbit/s of media: %.2f %% of one core for verification%s%n", settings.rateBitsPerSecond() / 1e6,
                share * 100, sink == Integer.MIN_VALUE ? "" : "");
        return new Result(verify, copyRate, share);
    }
}
