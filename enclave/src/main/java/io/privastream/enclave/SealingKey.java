package io.privastream.enclave;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals peers' addresses. Held by the tracker and the relay (one key per
 * deployment); under a TEE it would be sealed to the enclave's identity instead of a file.
 *
 * <p>Immutable. Never printed: {@link #toString()} says only that it is a key.
 */
public final class SealingKey {
    static final int BYTES = 32;
    private final SecretKey key;

    private SealingKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
    }

    /** A fresh key from the platform's {@link SecureRandom}, held in memory only. */
    public static SealingKey generate() {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        return new SealingKey(raw);
    }

    /**
     * The key in {@code file} (32 raw bytes), made and stored (mode 600, written atomically) when
     * the file does not exist. An existing file is never overwritten: handles sealed under it
     * stay openable across restarts.
     *
     * @throws EnclaveException naming the file when it cannot be read, has the wrong size, or cannot be written
     */
    public static SealingKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] raw = Files.readAllBytes(file);
                if (raw.length != BYTES) {
                    throw new EnclaveException("sealing key " + file + " holds " + raw.length + " bytes, a key holds " + BYTES
                            + "; move it away to make a new one (handles sealed under the old key stop opening)");
                }
                return new SealingKey(raw);
            }
            byte[] raw = new byte[BYTES];
            new SecureRandom().nextBytes(raw);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".sealing", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the platform's default protection applies.
                }
                Files.write(tmp, raw);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new SealingKey(raw);
        } catch (IOException e) {
            throw new EnclaveException("cannot read or store the sealing key " + file + ": " + e.getMessage(), e);
        }
    }

    SecretKey secret() {
        return key;
    }

    @Override
    public String toString() {
        return "sealing key";
    }
}
