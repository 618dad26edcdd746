package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.Standing;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import io.privastream.protocol.tracker.RedeemResponse;
import io.privastream.tracker.TrackerClient;
import io.privastream.tracker.TrackerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger survives SIGKILL: a tracker in its own JVM takes a stream of redemptions and is
 * killed with SIGKILL while they flow; restarted on the same file, every acknowledged credit is
 * there, acknowledged receipts still count once, and no credit was made out of nothing.
 */
class LedgerKillIT {
    private static final ContentId SWARM = ContentId.of("0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private record Id(KeyPair keys, String pin) {
        static Id fresh() throws Exception {
            KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Id(k, Receipt.pinOf(k.getPublic().getEncoded()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process tracker(int port, Path ledger) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.privastream.cli.Main", "tracker",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--plain", "--ledger", ledger.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tracker-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void awaitUp(TrackerClient client) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.accounts(1) != null);
    }

    @Test
    void acknowledgedCredit_survivesSigkill() throws Exception {
        Path ledger = dir.resolve("ledger.log");
        int port = freePort();
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        List<Id> receivers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            receivers.add(Id.fresh());
        }
        List<Id> servers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            servers.add(Id.fresh());
        }
        Map<String, AtomicLong> acked = new ConcurrentHashMap<>();
        List<ReceiptWire> ackedReceipts = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ackedBatches = new AtomicInteger();
        Process first = tracker(port, ledger);
        try (TrackerClient client = TrackerClient.of(url, Duration.ofSeconds(5))) {
            awaitUp(client);
            for (int i = 0; i < receivers.size(); i++) {
                client.join(SWARM, new JoinRequest(PeerId.of(String.format("receiver%04d", i)), "http://127.0.0.1:1", true,
                        Optional.of(receivers.get(i).pin())));
            }
            List<Thread> redeemers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = t;
                redeemers.add(Thread.ofVirtual().start(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    while (true) {
                        List<ReceiptWire> batch = new ArrayList<>();
                        for (int k = 0; k < 50; k++) {
                            Id r = receivers.get(random.nextInt(receivers.size()));
                            Id s = servers.get(random.nextInt(servers.size()));
                            batch.add(ReceiptWire.of(Receipt.sign(s.pin(), SWARM.value(), 100_000, random.nextLong(), System.currentTimeMillis(),
                                    r.keys().getPrivate(), r.keys().getPublic())));
                        }
                        try {
                            RedeemResponse answer = client.redeem(new RedeemRequest(batch));
                            for (int k = 0; k < batch.size(); k++) {
                                acked.computeIfAbsent(batch.get(k).server(), x -> new AtomicLong()).addAndGet(answer.outcomes().get(k).creditedBytes());
                            }
                            ackedReceipts.addAll(batch);
                            ackedBatches.incrementAndGet();
                        } catch (TrackerException e) {
                            return; // the tracker is gone: whatever was not answered was not acknowledged
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ackedBatches.get() >= 40);
            first.destroyForcibly().waitFor(); // SIGKILL, mid-stream
            for (Thread t : redeemers) {
                t.join(Duration.ofSeconds(20));
            }
        } finally {
            first.destroyForcibly();
        }
        assertThat(ackedBatches.get()).isGreaterThanOrEqualTo(40);

        Process second = tracker(port, ledger);
        try (TrackerClient client = TrackerClient.of(url, Duration.ofSeconds(5))) {
            awaitUp(client);
            for (Id s : servers) {
                Standing st = client.standing(s.pin());
                assertThat(st.earnedBytes()).as("earned by %s", s.pin()).isGreaterThanOrEqualTo(acked.getOrDefault(s.pin(), new AtomicLong()).get());
            }
            List<Standing> all = client.accounts(1000);
            long allowance = LedgerPolicy.defaults().allowanceBytes();
            assertThat(all.stream().mapToLong(Standing::balanceBytes).sum()).isEqualTo(all.size() * allowance);
            // An acknowledged receipt presented again is still counted once.
            RedeemResponse again = client.redeem(new RedeemRequest(List.of(ackedReceipts.getFirst())));
            assertThat(again.outcomes().getFirst().verdict()).isEqualTo("replayed");
            assertThat(again.creditedBytes()).isZero();
        } finally {
            second.destroyForcibly();
        }
    }
}
