package io.privastream.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** Copies an ffmpeg process's stderr to the log (warnings and errors at WARN) and keeps the last lines for error messages. */
final class StderrPump {
    private static final int KEEP = 20;
    private final Deque<String> last = new ArrayDeque<>();
    private final Thread thread;

    StderrPump(InputStream stderr, Logger log, String name) {
        this.thread = Thread.ofVirtual().name(name + "-stderr").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    remember(line);
                    String l = line.toLowerCase(Locale.ROOT);
                    // A failed DELETE of an expired segment is harmless: the origin drops old
                    // segments itself (after three live windows), so it stays at DEBUG.
                    if (!l.contains("failed to delete") && (l.contains("error") || l.contains("failed") || l.contains("invalid"))) {
                        log.warn("{}: {}", name, line);
                    } else {
                        log.debug("{}: {}", name, line);
                    }
                }
            } catch (IOException e) {
                // The process ended: its stream closed.
            }
        });
    }

    private synchronized void remember(String line) {
        if (last.size() == KEEP) {
            last.removeFirst();
        }
        last.addLast(line);
    }

    /** The last lines ffmpeg wrote, for an error message. */
    synchronized List<String> tail() {
        return List.copyOf(last);
    }

    /** Waits (bounded) for the stream to be drained. */
    void join() {
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
