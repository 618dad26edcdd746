package io.privastream.experiments.bench;

import io.privastream.core.incentive.Ledger;
import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.incentive.Receipt;
import io.privastream.experiments.TempDirs;
import io.privastream.tracker.LedgerStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code privastream bench ledger}: receipts verified and recorded per second, the way the
 * tracker does it — signatures checked, rules applied, entries appended to the durable log and
 * forced to disk before each batch counts as done — from {@code threads} redeeming clients at
 * once. Receipts are signed beforehand (signing is the agents' work, not the tracker's).
 */
public final class LedgerBench {
    /**
     * @param receipts  receipts redeemed in the measured part
     * @param batch     receipts per redemption (agents batch theirs)
     * @param threads   concurrent redeemers
     * @param receivers distinct receiving identities
     */
    public record Settings(int receipts, int batch, int threads, int receivers) {
        public Settings {
            if (receipts < 1 || batch < 1 || threads < 1 || receivers < 2) {
                throw new IllegalArgumentException("bad ledger bench settings: " + receipts + " receipts, batches of " + batch + ", "
                        + threads + " threads, " + receivers + " receivers");
            }
        }
    }

    /** What was measured: receipts per wall second, and how many were credited. */
    public record Result(double receiptsPerSecond, long credited, long receipts) {
    }

    private final Settings settings;
    private final PrintStream out;

    public LedgerBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws Exception {
        String swarm = "0123456789abcdef0123456789abcdef";
        out.printf(Locale.ROOT, "signing %d receipts from %d receivers to %d servers...%n", settings.receipts() + settings.batch() * 20,
                settings.receivers(), settings.receivers() / 10 + 1);
        List<List<Receipt>> warmup = batches(swarm, settings.batch() * 20, 1);
        List<List<Receipt>> measured = batches(swarm, settings.receipts(), 2);
        Path dir = TempDirs.create("privastream-bench-ledger-");
        try (LedgerStore store = LedgerStore.open(LedgerPolicy.defaults(), (receiver, s) -> true, dir.resolve("ledger.log"))) {
            redeemAll(store, warmup);
            long t0 = System.nanoTime();
            long credited = redeemAll(store, measured);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Result r = new Result(settings.receipts() / seconds, credited, settings.receipts());
            out.printf(Locale.ROOT, "%d receipts in batches of %d from %d threads: %.0f receipts/s verified and on disk (%.2f s); %d credited%n",
                    settings.receipts(), settings.batch(), settings.threads(), r.receiptsPerSecond(), seconds, credited);
            return r;
        } finally {
            TempDirs.delete(dir);
        }
    }

    private long redeemAll(LedgerStore store, List<List<Receipt>> batches) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.threads())) {
            List<Future<Long>> done = new ArrayList<>();
            for (List<Receipt> b : batches) {
                done.add(pool.submit(() -> store.redeem(b, System.currentTimeMillis()).outcomes().stream()
                        .filter(o -> o.verdict() == io.privastream.core.incentive.Ledger.Verdict.CREDITED).count()));
            }
            long credited = 0;
            for (Future<Long> f : done) {
                credited += f.get();
            }
            return credited;
        }
    }

    private List<List<Receipt>> batches(String swarm, int count, long seed) throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(seed);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        List<KeyPair> receivers = new ArrayList<>();
        for (int i = 0; i < settings.receivers(); i++) {
            receivers.add(gen.generateKeyPair());
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < settings.receivers() / 10 + 1; i++) {
            servers.add(Receipt.pinOf(gen.generateKeyPair().getPublic().getEncoded()));
        }
        long now = System.currentTimeMillis();
        List<List<Receipt>> out = new ArrayList<>();
        List<Receipt> current = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyPair k = receivers.get(random.nextInt(receivers.size()));
            current.add(Receipt.sign(servers.get(random.nextInt(servers.size())), swarm, 100_000, random.nextLong(), now, k.getPrivate(),
                    k.getPublic()));
            if (current.size() == settings.batch()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
