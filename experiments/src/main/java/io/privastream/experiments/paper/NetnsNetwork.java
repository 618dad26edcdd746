package io.privastream.experiments.paper;

import io.privastream.core.rate.Bandwidth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The links of {@code experiment paper --network netns}: a Linux bridge in this (the root)
 * network namespace, and for each viewer its own network namespace joined to the bridge by a veth
 * pair, shaped by {@code tc tbf} on both ends — the namespace's end sends at the viewer's upload
 * rate, the bridge's end at its download rate — so that the viewers' TCP meets real queues and
 * real congestion control instead of the agents' in-process token buckets.
 *
 * <p>Addresses: the bridge {@code 10.77.0.1/16} (the origin, tracker and relay listen there),
 * viewer {@code i} (from 1) {@code 10.77.1.i}. Names carry a per-run prefix, so a crashed run's
 * leftovers do not collide; {@link #close()} removes everything it made (a shutdown hook does,
 * if the JVM ends first).
 *
 * <p>Needs root, {@code ip} and {@code tc} (iproute2) and the {@code tbf} qdisc; one at a time per
 * machine (the subnet is fixed). Not thread-safe, but for the shutdown hook.
 */
public final class NetnsNetwork implements AutoCloseable {
    /** The bridge's address: what the servers bind to and the viewers reach. */
    public static final String HOST_ADDRESS = "10.77.0.1";
    private static final int MAX_VIEWERS = 250;

    private final String prefix;
    private final String bridge;
    private final List<String> namespaces = new ArrayList<>();
    private boolean bridgeUp;
    private final Thread cleanup = new Thread(this::removeAll, "netns-cleanup");

    /** One viewer's place: the namespace to run it in and its address there. */
    public record Slot(String namespace, String address) {
    }

    /**
     * @param prefix short name prefix, letters and digits, at most 6 characters (interface names
     *               are limited to 15)
     */
    public NetnsNetwork(String prefix) {
        if (!prefix.matches("[a-z0-9]{1,6}")) {
            throw new IllegalArgumentException("netns prefix must be 1-6 lowercase letters or digits, got " + prefix);
        }
        this.prefix = prefix;
        this.bridge = prefix + "br";
    }

    /**
     * Why this machine cannot run the netns mode, or empty when it can: root, {@code ip} and
     * {@code tc} are checked.
     */
    public static Optional<String> unusableReason() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("--network netns needs Linux");
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            boolean root = status.lines().anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
            if (!root) {
                return Optional.of("--network netns needs root (it creates network namespaces and tc qdiscs)");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        for (String tool : List.of("ip", "tc")) {
            try {
                output(tool, "-V");
            } catch (IllegalStateException e) {
                return Optional.of(e.getMessage() + "; install iproute2 (Debian: apt-get install iproute2)");
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the bridge with {@link #HOST_ADDRESS}; until {@link #close()}, a shutdown hook
     * removes what was made if the JVM ends first (Ctrl-C).
     *
     * @throws IllegalStateException if the address is already on an interface (another netns
     *                               experiment, or one killed before it cleaned up), naming it
     */
    public NetnsNetwork start() {
        String inUse = output("ip", "-o", "-4", "addr", "show");
        for (String line : inUse.lines().toList()) {
            if (line.contains(" inet " + HOST_ADDRESS + "/")) {
                String dev = line.split("\\s+")[1];
                throw new IllegalStateException(HOST_ADDRESS + " is already on interface " + dev + ": another netns experiment is running, "
                        + "or one was killed before it cleaned up (then remove it: ip link del " + dev + "; ip netns list; ip netns del NAME)");
            }
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
        run("ip", "link", "add", bridge, "type", "bridge");
        bridgeUp = true;
        run("ip", "addr", "add", HOST_ADDRESS + "/16", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        return this;
    }

    /**
     * Adds viewer {@code index} (from 1): its namespace, veth pair, address and shaping.
     *
     * @param download rate the bridge sends to it at (its download cap); must be finite
     * @param upload   rate it sends at (its upload cap); must be finite
     */
    public synchronized Slot add(int index, Bandwidth download, Bandwidth upload) {
        if (index < 1 || index > MAX_VIEWERS) {
            throw new IllegalArgumentException("netns mode supports viewers 1-" + MAX_VIEWERS + ", got " + index);
        }
        String ns = prefix + "-v" + index;
        String hostEnd = prefix + "v" + index + "h";
        String nsEnd = prefix + "v" + index + "n";
        String address = "10.77.1." + index;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
        run("ip", "link", "set", nsEnd, "netns", ns);
        run("ip", "link", "set", hostEnd, "master", bridge);
        run("ip", "link", "set", hostEnd, "up");
        run("ip", "-n", ns, "addr", "add", address + "/16", "dev", nsEnd);
        run("ip", "-n", ns, "link", "set", nsEnd, "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run(tbf(List.of("tc"), hostEnd, download));
        run(tbf(List.of("tc", "-n", ns), nsEnd, upload));
        return new Slot(ns, address);
    }

    /**
     * {@code tc qdisc add dev DEV root tbf}: the bucket holds 10 ms of the rate (at least 32 KB,
     * a few full-size segments of a GSO burst), the queue 50 ms more.
     */
    private static String[] tbf(List<String> tc, String dev, Bandwidth rate) {
        if (rate.isUnlimited()) {
            throw new IllegalArgumentException("netns links need finite rates");
        }
        long bits = rate.bitsPerSecond();
        long burstBytes = Math.max(32 * 1024, bits / 8 / 100);
        List<String> cmd = new ArrayList<>(tc);
        cmd.addAll(List.of("qdisc", "add", "dev", dev, "root", "tbf", "rate", bits + "bit", "burst", String.valueOf(burstBytes),
                "latency", "50ms"));
        return cmd.toArray(String[]::new);
    }

    /** Deletes every namespace (their veth pairs go with them) and the bridge; errors are ignored. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down (the hook is what runs this), or never started.
        }
        removeAll();
    }

    private synchronized void removeAll() {
        for (String ns : namespaces) {
            quietly("ip", "netns", "del", ns);
        }
        namespaces.clear();
        if (bridgeUp) {
            quietly("ip", "link", "del", bridge);
            bridgeUp = false;
        }
    }

    private static void run(String... cmd) {
        output(cmd);
    }

    /** Runs {@code cmd}; returns its output (stdout and stderr). */
    private static String output(String... cmd) {
        String out;
        int rc;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", cmd) + "' did not finish in 30 s");
            }
            rc = p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + String.join(" ", cmd) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running '" + String.join(" ", cmd) + "'");
        }
        if (rc != 0) {
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' failed (exit " + rc + "): " + out);
        }
        return out;
    }

    private static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IllegalStateException e) {
            // Cleaning up: what is already gone is fine.
        }
    }
}
