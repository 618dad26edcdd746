package io.privastream.experiments.bench;

import io.privastream.link.LinkProtocol;
import io.privastream.link.NoiseLinks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the AEAD alone costs on this JDK and CPU: the link protocol's AES-GCM sealing and
 * opening its full-size records on one thread ({@link Aead}), in CPU seconds per gigabyte. {@link CryptoBench} sets it beside the plain link's cost to tell how close to
 * plaintext any encrypted link could come here: a link that added nothing but the AEAD to the
 * plain path would reach {@code plain / (plain + seal + open)} of its throughput per core.
 */
public final class AeadCost {
    private static final int TAG_BITS = 128;

    /**
     * An AEAD as a link protocol uses it.
     *
     * @param name        for people, e.g. "AES-128-GCM"
     * @param keyBytes    AES key length: 16 or 32
     * @param recordBytes the plaintext of a full record
     */
    public record Aead(String name, int keyBytes, int recordBytes) {
        /** The link protocol's AEAD: AES-256-GCM in full Noise frames (65,517 bytes), AES-128-GCM in 16 KiB records for TLS 1.3. */
        public static Aead of(LinkProtocol protocol) {
            return protocol == LinkProtocol.NOISE ? new Aead("AES-256-GCM", 32, NoiseLinks.FRAME_PLAINTEXT_BYTES)
                    : new Aead("AES-128-GCM", 16, 16 * 1024);
        }
    }

    /**
     * CPU seconds per 10^9 bytes to seal and to open.
     *
     * @param sealSecondsPerGb CPU seconds to encrypt and tag 10^9 bytes
     * @param openSecondsPerGb CPU seconds to check and decrypt 10^9 bytes
     */
    public record Result(double sealSecondsPerGb, double openSecondsPerGb) {
        /** Best per-core ratio to a plain link costing {@code plainSecondsPerGb}: the AEAD's cost added, nothing else. */
        public double ceiling(double plainSecondsPerGb) {
            return plainSecondsPerGb / (plainSecondsPerGb + sealSecondsPerGb + openSecondsPerGb);
        }
    }

    private AeadCost() {
    }

    /**
     * Seals records for {@code duration} of CPU time, then opens them for as long (each after a
     * warm-up of the same length, so the JIT has compiled the intrinsics).
     */
    static Result measure(Duration duration, Aead aead) {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[aead.keyBytes()], "AES");
            byte[] plain = new byte[aead.recordBytes()];
            byte[] sealed = new byte[aead.recordBytes() + TAG_BITS / 8];
            byte[] opened = new byte[aead.recordBytes()];
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long budget = duration.toNanos();
            long[] counter = {0};
            // Each seal needs a fresh nonce, as a record's sequence number gives it.
            Op seal = () -> {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(++counter[0])));
                cipher.doFinal(plain, 0, plain.length, sealed, 0);
            };
            // Opens the last sealed record, again and again: the same work as opening new ones.
            Op open = () -> {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(counter[0])));
                cipher.doFinal(sealed, 0, sealed.length, opened, 0);
            };
            int record = aead.recordBytes();
            secondsPerGb(seal, threads, budget, record);
            double sealCost = secondsPerGb(seal, threads, budget, record);
            secondsPerGb(open, threads, budget, record);
            return new Result(sealCost, secondsPerGb(open, threads, budget, record));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run " + aead.name() + ": " + e.getMessage(), e);
        }
    }

    private interface Op {
        void run() throws GeneralSecurityException;
    }

    private static double secondsPerGb(Op op, ThreadMXBean threads, long budgetNanos, int recordBytes) throws GeneralSecurityException {
        long start = threads.getCurrentThreadCpuTime();
        long bytes = 0;
        long used;
        do {
            for (int i = 0; i < 64; i++) {
                op.run();
            }
            bytes += 64L * recordBytes;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < budgetNanos);
        return used / 1e9 / (bytes / 1e9);
    }

    private static byte[] nonce(long n) {
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[11 - i] = (byte) (n >>> (8 * i));
        }
        return iv;
    }
}
