package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.ServerStanding;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingProof;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.core.rate.Bandwidth;
import io.privastream.protocol.AgentHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An origin that keeps transfers for requesters in good standing at the token ledger ({@link OriginConfig#reservedTransfers()}). */
class OriginStandingIT {
    /** Beyond {@link ServerStanding#DEFAULT_MIN_EARNED_BYTES}. */
    private static final long EARNED = 2_000_000;
    /** Beyond {@link ServerStanding#DEFAULT_NEWCOMER_GRACE}. */
    private static final long KNOWN_FOR = 120_000;

    private final HttpClient client = HttpClient.newHttpClient();
    private final KeyPair tracker = keys();
    private final KeyPair agent = keys();

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String pin(KeyPair k) {
        return Receipt.pinOf(k.getPublic().getEncoded());
    }

    /**
     * A request for {@code u} showing a ticket issued now by {@code issuer} for an agent that has earned {@code earnedBytes} and been
     * known for {@code knownForMillis}, and a proof for {@code signedPath}.
     */
    private HttpRequest.Builder showing(URI u, KeyPair issuer, long earnedBytes, long knownForMillis, String signedPath) {
        long now = System.currentTimeMillis();
        Standing standing = new Standing(pin(agent), 20_000_000, earnedBytes, 0);
        StandingTicket t = StandingTicket.issue(standing, knownForMillis, now, issuer.getPrivate(), issuer.getPublic());
        return HttpRequest.newBuilder(u).header(AgentHeaders.STANDING, t.encode())
                .header(AgentHeaders.STANDING_PROOF, StandingProof.sign(t, signedPath, now, agent.getPrivate(), agent.getPublic()).encode());
    }

    /** A contributor's ticket (earned twice the default minimum, known beyond the newcomer grace) from {@code issuer}. */
    private HttpRequest.Builder contributor(URI u, KeyPair issuer, String signedPath) {
        return showing(u, issuer, EARNED, KNOWN_FOR, signedPath);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void whenBusy_theReservedTransferGoesOnlyToARequesterInGoodStanding_provenForTheRawPath(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        byte[] held = new byte[128 * 1024];
        byte[] asked = new byte[2 * 1024];
        random.nextBytes(held);
        random.nextBytes(asked);
        Path vod = Files.createDirectories(dir.resolve("vod"));
        Files.write(vod.resolve("held.m4s"), held);
        Files.write(vod.resolve("held-2.m4s"), held);
        Files.write(vod.resolve("asked-1.m4s"), asked);
        // 2 answers at once, the second kept for good standing; one held answer takes about four seconds.
        OriginConfig config = OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("data")).vod("clip", vod)
                .uploadCap(Bandwidth.bitsPerSecond(held.length * 2L)).maxTransfers(2).reservedTransfers(1).standingIssuer(pin(tracker)).build();
        try (OriginServer origin = new OriginServer(config).start()) {
            URI at = origin.baseUrls().getFirst().resolve("content/" + origin.contentId("clip").orElseThrow() + "/");
            URI u = at.resolve("asked-1.m4s");
            String path = u.getRawPath();
            // Its first answer goes to anyone; so does the next one while no transfer runs.
            assertThat(send(HttpRequest.newBuilder(u)).statusCode()).isEqualTo(200);
            CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(HttpRequest.newBuilder(at.resolve("held.m4s")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            // With one transfer running, the one left is reserved: no headers, no answer.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> send(HttpRequest.newBuilder(u)).statusCode() == 503);
            HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(u));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("busy", "good standing");
            // Nor for a ticket from a key the origin does not trust, or a proof for another path.
            assertThat(send(contributor(u, keys(), path)).statusCode()).isEqualTo(503);
            assertThat(send(contributor(u, tracker, at.resolve("held.m4s").getRawPath())).statusCode()).isEqualTo(503);
            // Nor for a valid ticket of a non-contributor: nothing earned, known beyond the newcomer grace.
            HttpResponse<byte[]> rider = send(showing(u, tracker, 0, KNOWN_FOR, path));
            assertThat(rider.statusCode()).isEqualTo(503);
            assertThat(new String(rider.body(), StandardCharsets.UTF_8)).contains("good standing");
            long notGood = origin.counters().transfersRefusedNotInGoodStanding();
            assertThat(notGood).isGreaterThanOrEqualTo(5);
            assertThat(origin.counters().transfersRefused()).isGreaterThanOrEqualTo(notGood);

            // A contributor's ticket from the trusted tracker, with a proof for this very path: served.
            assertThat(first).isNotDone();
            HttpResponse<byte[]> part = send(contributor(u, tracker, path).header("Range", "bytes=0-99"));
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOf(asked, 100));
            // So is a newcomer's, having earned nothing yet: the tracker has known its key for no time.
            HttpResponse<byte[]> newcomer = send(showing(u, tracker, 0, 0, path).header("Range", "bytes=100-199"));
            assertThat(newcomer.statusCode()).isEqualTo(206);
            assertThat(newcomer.body()).isEqualTo(Arrays.copyOfRange(asked, 100, 200));
            // The proof covers the raw path as sent: percent-encoded, it is that form that is signed.
            URI encoded = URI.create(at + "asked%2D1.m4s");
            assertThat(send(contributor(encoded, tracker, encoded.getRawPath())).body()).isEqualTo(asked);
            assertThat(send(contributor(encoded, tracker, path)).statusCode()).isEqualTo(503);

            // With both transfers taken (a new object's first answer goes out beyond the limit), good standing is refused too,
            // and counted as busy only.
            CompletableFuture<HttpResponse<byte[]>> second = client.sendAsync(HttpRequest.newBuilder(at.resolve("held-2.m4s")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> send(contributor(u, tracker, path)).statusCode() == 503);
            assertThat(first).isNotDone();
            long refusedBefore = origin.counters().transfersRefused();
            long notGoodBefore = origin.counters().transfersRefusedNotInGoodStanding();
            HttpResponse<byte[]> full = send(contributor(u, tracker, path));
            assertThat(new String(full.body(), StandardCharsets.UTF_8)).contains("2 transfers in progress");
            assertThat(origin.counters().transfersRefused()).isEqualTo(refusedBefore + 1);
            assertThat(origin.counters().transfersRefusedNotInGoodStanding()).isEqualTo(notGoodBefore);

            // Once the held answers end, anyone is served again.
            assertThat(first.get().body()).isEqualTo(held);
            assertThat(second.get().body()).isEqualTo(held);
            assertThat(send(HttpRequest.newBuilder(u)).body()).isEqualTo(asked);
        }
    }
}
