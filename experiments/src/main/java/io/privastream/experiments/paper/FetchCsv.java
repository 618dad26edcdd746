package io.privastream.experiments.paper;

import io.privastream.core.download.FetchTrace;
import io.privastream.simulator.FetchRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run's {@code fetches.csv} ({@code experiment paper --fetches}): every real download of every
 * in-process agent as it ends, in the simulator's format ({@link FetchRow}), so that an emulated
 * and a simulated run of the same scenario can be read side by side. Times are seconds of session
 * time. Thread-safe: agents write from their download threads.
 */
final class FetchCsv implements AutoCloseable {
    private final BufferedWriter out;
    private volatile long sessionStartNanos;
    private long rows;

    /** Creates (or replaces) {@code file} and writes its header. */
    FetchCsv(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file);
            out.write(FetchRow.HEADER);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The session's time 0, on the agents' clock ({@link System#nanoTime()}). */
    void sessionStart(long nanos) {
        sessionStartNanos = nanos;
    }

    /** A download of viewer {@code viewer} (its index in join order) ended. */
    synchronized void add(int viewer, FetchTrace.Record r) {
        FetchRow row = new FetchRow(viewer, r.object(), (r.startedNanos() - sessionStartNanos) / 1e9, r.tookNanos() / 1e9, r.leadNanos() / 1e9,
                r.sizeBytes(), r.peerBytes(), r.serverBytes(), r.ok(), r.transfers());
        try {
            out.write(row.csv());
            out.newLine();
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a fetch row", e);
        }
    }

    /** Rows written so far. */
    synchronized long rows() {
        return rows;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the fetch log", e);
        }
    }
}
