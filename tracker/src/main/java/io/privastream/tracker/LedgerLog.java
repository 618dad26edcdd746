package io.privastream.tracker;

import io.privastream.core.incentive.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's durable store: an append-only file of {@link Ledger.Entry entries}, each record
 * {@code [length: int][crc32c: int][payload]} with the payload
 * {@code server \t receiver \t nonce \t time \t credited} in UTF-8.
 *
 * <p>{@link #append} returns only once the records are on disk ({@code FileChannel.force}), so an
 * entry acknowledged to a client survives a kill at any moment. At open, records are read back
 * until the first incomplete or damaged one — what a kill in the middle of a write leaves, and
 * never acknowledged — and the file is cut there so later records follow good ones.
 *
 * <p>Thread-safe (appends are serialized).
 */
final class LedgerLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerLog.class);
    private static final int MAX_RECORD = 4096;

    private final Path file;
    private final FileChannel channel;

    private LedgerLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (or creates) the log at {@code file} and hands every intact entry, in order, to
     * {@code replay}.
     *
     * @throws UncheckedIOException naming the file when it cannot be opened or read
     */
    static LedgerLog open(Path file, java.util.function.Consumer<Ledger.Entry> replay) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long good = 0;
            long size = channel.size();
            int entries = 0;
            ByteBuffer header = ByteBuffer.allocate(8);
            while (good + 8 <= size) {
                header.clear();
                channel.read(header, good);
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                if (length <= 0 || length > MAX_RECORD || good + 8 + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, good + 8);
                CRC32C check = new CRC32C();
                check.update(payload.array());
                if ((int) check.getValue() != crc) {
                    break;
                }
                replay.accept(decode(new String(payload.array(), StandardCharsets.UTF_8)));
                entries++;
                good += 8 + length;
            }
            if (good < size) {
                LOG.warn("ledger {}: cut {} bytes of an incomplete or damaged last record (never acknowledged)", file, size - good);
                channel.truncate(good);
                channel.force(true);
            }
            channel.position(good);
            LOG.info("ledger {}: {} entries", file, entries);
            return new LedgerLog(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code entries} and waits until they are on disk.
     *
     * @throws UncheckedIOException when writing fails (the caller must not acknowledge)
     */
    synchronized void append(List<Ledger.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<byte[]> payloads = new ArrayList<>(entries.size());
        int total = 0;
        for (Ledger.Entry e : entries) {
            byte[] p = encode(e).getBytes(StandardCharsets.UTF_8);
            payloads.add(p);
            total += 8 + p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (byte[] p : payloads) {
            CRC32C crc = new CRC32C();
            crc.update(p);
            out.putInt(p.length).putInt((int) crc.getValue()).put(p);
        }
        out.flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static String encode(Ledger.Entry e) {
        return String.join("\t", e.server(), e.receiver(), Long.toString(e.nonce()), Long.toString(e.timeMillis()),
                Long.toString(e.creditedBytes()));
    }

    private static Ledger.Entry decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalStateException("ledger record with " + f.length + " fields: " + line);
        }
        return new Ledger.Entry(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the ledger {}: {}", file, e.toString());
        }
    }
}
