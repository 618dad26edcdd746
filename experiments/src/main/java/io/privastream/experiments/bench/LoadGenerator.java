package io.privastream.experiments.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load: {@code clients} concurrent clients, each fetching random objects from a
 * base URL back to back for a while, checking every body's length against what was expected.
 */
public final class LoadGenerator {
    private final int clients;
    private final Duration duration;
    private final long seed;
    private final Supplier<HttpClient> connections;

    /**
     * @param clients  concurrent clients (each on its own virtual thread and connection)
     * @param duration how long each run lasts
     * @param seed     seed of the object choice
     */
    public LoadGenerator(int clients, Duration duration, long seed) {
        this(clients, duration, seed, () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    /**
     * Like {@link #LoadGenerator(int, Duration, long)}, each client on its own client from
     * {@code connections} (e.g. one on a pinned encrypted link).
     */
    public LoadGenerator(int clients, Duration duration, long seed, Supplier<HttpClient> connections) {
        this.connections = connections;
        if (clients < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("need >= 1 client and a positive duration, got " + clients + ", " + duration);
        }
        this.clients = clients;
        this.duration = duration;
        this.seed = seed;
    }

    /**
     * Loads {@code base} with requests for {@code objects} (path → expected length).
     *
     * @param label names the target in the result
     */
    public LoadResult run(String label, URI base, Map<String, Long> objects) throws InterruptedException {
        List<String> paths = new ArrayList<>(objects.keySet());
        List<URI> urls = paths.stream().map(base::resolve).toList();
        long[] lengths = paths.stream().mapToLong(objects::get).toArray();
        AtomicLong bytes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(seed + c);
                runs.add(pool.submit(() -> client(connections, urls, lengths, random, end, bytes, failures)));
            }
            for (Future<long[]> f : runs) {
                try {
                    latencies.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("load client crashed", e.getCause());
                }
            }
        }
        long wall = System.nanoTime() - start;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new LoadResult(label, all.length, failures.get(), bytes.get(), wall, all);
    }

    private static long[] client(Supplier<HttpClient> connections, List<URI> urls, long[] lengths, SplittableRandom random, long end,
            AtomicLong bytes, AtomicLong failures) {
        long[] lat = new long[1024];
        int n = 0;
        byte[] sink = new byte[64 * 1024];
        try (HttpClient http = connections.get()) {
            while (System.nanoTime() < end) {
                int i = random.nextInt(urls.size());
                long t0 = System.nanoTime();
                long got = 0;
                try {
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(urls.get(i)).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream in = r.body()) {
                        for (int k; (k = in.read(sink)) > 0; ) {
                            got += k;
                        }
                    }
                    if (r.statusCode() != 200 || got != lengths[i]) {
                        failures.incrementAndGet();
                        continue;
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                bytes.addAndGet(got);
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(lat, n);
    }
}
