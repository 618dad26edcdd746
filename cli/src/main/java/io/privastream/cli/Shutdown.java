package io.privastream.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until Ctrl-C (SIGINT/SIGTERM), then runs its cleanup. */
final class Shutdown {
    private Shutdown() {
    }

    /** Waits until the JVM is asked to stop; {@code cleanup} runs in the shutdown hook. */
    static void awaitSignal(Runnable cleanup) {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanup.run();
            } finally {
                done.countDown();
            }
        }, "privastream-shutdown"));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
