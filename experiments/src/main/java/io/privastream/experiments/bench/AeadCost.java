package io.privastream.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the AEAD alone costs on this JDK and CPU: AES-128-GCM (the peer link's first TLS 1.3
 * suite) sealing and opening full-size TLS records (16 KiB) on one thread, in CPU seconds per
 * gigabyte. {@link CryptoBench} sets it beside the plain link's cost to tell how close to
 * plaintext any encrypted link could come here: a link that added nothing but the AEAD to the
 * plain path would reach {@code plain / (plain + seal + open)} of its throughput per core.
 */
public final class AeadCost {
    /** TLS's largest record payload, bytes. */
    static final int RECORD_BYTES = 16 * 1024;
    private static final int TAG_BITS = 128;

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
    static Result measure(Duration duration) {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
            byte[] plain = new byte[RECORD_BYTES];
            byte[] sealed = new byte[RECORD_BYTES + TAG_BITS / 8];
            byte[] opened = new byte[RECORD_BYTES];
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long budget = duration.toNanos();
            long[] counter = {0};
            // Each seal needs a fresh nonce, as a TLS record's sequence number gives it.
            Op seal = () -> {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(++counter[0])));
                cipher.doFinal(plain, 0, plain.length, sealed, 0);
            };
            // Opens the last sealed record, again and again: the same work as opening new ones.
            Op open = () -> {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(counter[0])));
                cipher.doFinal(sealed, 0, sealed.length, opened, 0);
            };
            secondsPerGb(seal, threads, budget);
            double sealCost = secondsPerGb(seal, threads, budget);
            secondsPerGb(open, threads, budget);
            return new Result(sealCost, secondsPerGb(open, threads, budget));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run AES-128-GCM: " + e.getMessage(), e);
        }
    }

    private interface Op {
        void run() throws GeneralSecurityException;
    }

    private static double secondsPerGb(Op op, ThreadMXBean threads, long budgetNanos) throws GeneralSecurityException {
        long start = threads.getCurrentThreadCpuTime();
        long bytes = 0;
        long used;
        do {
            for (int i = 0; i < 64; i++) {
                op.run();
            }
            bytes += 64L * RECORD_BYTES;
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
