package io.privastream.tracker;

import static io.privastream.tracker.Trackers.VOD;
import static io.privastream.tracker.Trackers.holding;
import static io.privastream.tracker.Trackers.join;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.protocol.ErrorResponse;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.HoldersResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile and careless requests each get the right status and a one-line reason, and none of
 * them breaks the server: the last test checks a valid lookup after all the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerBadInputIT {
    private static final String SWARM = "/v1/swarms/" + VOD + "/";
    private static TrackerServer server;
    private static TrackerClient client;
    private static Trackers.Raw raw;

    @BeforeAll
    static void start() throws Exception {
        server = Trackers.start(SwarmPolicy.defaults());
        client = TrackerClient.of(server.baseUrl());
        raw = new Trackers.Raw(server.baseUrl());
        for (int n = 1; n <= 60; n++) {
            client.join(VOD, join(n, false));
            client.announce(VOD, new AnnounceRequest(peer(n), List.of(holding("a.m4s")), List.of()));
        }
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        server.close();
    }

    /** Asserts the status and that the body is an ErrorResponse on one line mentioning {@code expected}. */
    private static void assertError(HttpResponse<String> answer, int status, String expected) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String error = Json.read(answer.body(), ErrorResponse.class).error();
        assertThat(error).contains(expected).doesNotContain("\n").hasSizeLessThanOrEqualTo(300);
    }

    @Test
    @Order(1)
    void malformedJson_is400() {
        assertError(raw.postJson(SWARM + "join", "{\"peer\": "), 400, "malformed JoinRequest");
        assertError(raw.postJson(SWARM + "join", ""), 400, "JoinRequest");
        assertError(raw.postJson(SWARM + "join", "null"), 400, "JoinRequest");
    }

    @Test
    @Order(2)
    void jsonArrayInsteadOfObject_is400() {
        assertError(raw.postJson(SWARM + "announce", "[1, 2, 3]"), 400, "AnnounceRequest");
    }

    @Test
    @Order(3)
    void missingFields_are400() {
        assertError(raw.postJson(SWARM + "join", "{\"live\": true}"), 400, "peer id");
        assertError(raw.postJson(SWARM + "join", "{\"peer\": \"peer-0001\", \"live\": true}"), 400, "endpoint");
        assertError(raw.postJson(SWARM + "join", "{\"peer\": \"peer-0001\", \"endpoint\": \"e\"}"), 400, "boolean");
        assertError(raw.postJson(SWARM + "heartbeat", "{\"other\": 1}"), 400, "peer id");
        assertError(raw.postJson(SWARM + "announce", "{\"peer\": \"peer-0001\", \"have\": [{\"sizeBytes\": 3}]}"), 400, "object path");
        assertError(raw.postJson(SWARM + "announce", "{\"peer\": \"peer-0001\", \"have\": [null]}"), 400, "AnnounceRequest");
    }

    @Test
    @Order(4)
    void invalidPeerIds_are400QuotingThem() {
        assertError(raw.postJson(SWARM + "heartbeat", "{\"peer\": \"../x\"}"), 400, "'../x'");
        String longId = "p".repeat(1000);
        assertError(raw.postJson(SWARM + "heartbeat", "{\"peer\": \"" + longId + "\"}"), 400, "(1000 chars)");
        assertError(raw.get(SWARM + "holders?segment=a.m4s&peer=..%2Fx"), 400, "'../x'");
    }

    @Test
    @Order(5)
    void invalidContentIds_are400QuotingThem() {
        assertError(raw.postJson("/v1/swarms/NOT_VALID/join", "{}"), 400, "'NOT_VALID'");
        assertError(raw.get("/v1/swarms/" + "c".repeat(1000) + "/stats"), 400, "(1000 chars)");
        assertError(raw.get("/v1/swarms/a%2F..%2Fb/stats"), 400, "Ambiguous URI"); // refused by Jetty itself
    }

    @Test
    @Order(6)
    void badValues_are400() {
        assertError(raw.postJson(SWARM + "join", "{\"peer\": \"peer-0001\", \"endpoint\": \"x\", \"live\": \"maybe\"}"), 400, "JoinRequest");
        assertError(raw.postJson(SWARM + "join", "{\"peer\": \"peer-0001\", \"endpoint\": \"" + "e".repeat(2000) + "\", \"live\": true}"), 400, "endpoint");
        assertError(raw.postJson(SWARM + "join", "{\"peer\": \"peer-0001\", \"endpoint\": \"x\", \"live\": true, \"uploadKbps\": -5}"), 400,
                "uploadKbps");
        assertError(raw.postJson(SWARM + "announce",
                "{\"peer\": \"peer-0001\", \"have\": [{\"segment\": \"a.m4s\", \"sizeBytes\": -5}]}"), 400, "-5");
        assertError(raw.postJson(SWARM + "announce", "{\"peer\": \"peer-0001\", \"drop\": [\"../../etc/passwd\"]}"), 400,
                "../../etc/passwd");
    }

    @Test
    @Order(7)
    void oversizedBody_is413_whetherDeclaredOrNot() {
        // A client of its own: a refused upload's connection is closed under it, and a pooled
        // connection that the server is closing must not be handed to the next test's request.
        try (Trackers.Raw own = new Trackers.Raw(server.baseUrl())) {
            String huge = "{\"peer\": \"peer-0001\", \"pad\": \"" + "x".repeat(1 << 20) + "\"}";
            HttpResponse<String> declared = own.postJson(SWARM + "heartbeat", huge);
            assertError(declared, 413, "262144 bytes");
            // The rest of the body is not read: the connection must not be reused for another request.
            assertThat(declared.headers().firstValue("Connection")).hasValue("close");

            // No Content-Length: the limit must hold while reading, not after buffering everything.
            HttpRequest chunked = own.request(SWARM + "heartbeat").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                    .build();
            assertError(own.send(chunked), 413, "262144 bytes");
        }
    }

    @Test
    @Order(8)
    void wrongContentType_is415() {
        assertError(raw.post(SWARM + "heartbeat", "text/plain", "{\"peer\": \"peer-0001\"}"), 415, "text/plain");
        assertError(raw.post(SWARM + "heartbeat", "application/json; charset=iso-8859-1", "{\"peer\": \"peer-0001\"}"),
                415, "iso-8859-1");
        HttpRequest untyped = raw.request(SWARM + "heartbeat").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertError(raw.send(untyped), 415, "no Content-Type");
        assertThat(raw.post(SWARM + "heartbeat", "Application/JSON; charset=UTF-8", "{\"peer\": \"peer-0001\"}").statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(8)
    void refusedBodies_areReadAway_soTheConnectionServesTheNextRequest() {
        String big = "{\"peer\": \"" + "x".repeat(3_000_000) + "\"}";
        for (int i = 0; i < 5; i++) {
            // Refused before the body is read (media type, unknown path): the next request on the
            // same pooled connection must still get its answer.
            assertError(raw.post(SWARM + "heartbeat", "text/plain", big), 415, "text/plain");
            assertError(raw.post("/v1/nothing-here", "application/json", big), 404, "no such resource");
            assertThat(raw.post(SWARM + "heartbeat", "application/json", "{\"peer\": \"peer-0001\"}").statusCode()).isEqualTo(204);
        }
    }

    @Test
    @Order(9)
    void wrongMethod_is405WithAllow() {
        HttpResponse<String> getJoin = raw.get(SWARM + "join");
        assertError(getJoin, 405, "GET");
        assertThat(getJoin.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> postHolders = raw.postJson(SWARM + "holders?segment=a.m4s", "{}");
        assertError(postHolders, 405, "POST");
        assertThat(postHolders.headers().firstValue("Allow")).hasValue("GET");
        assertError(raw.method("DELETE", "/healthz"), 405, "DELETE");
        assertError(raw.method("PUT", SWARM + "stats"), 405, "PUT");
    }

    @Test
    @Order(10)
    void unknownPath_is404() {
        assertError(raw.get("/"), 404, "'/'");
        assertError(raw.get("/v2/swarms/" + VOD + "/stats"), 404, "/v2/swarms");
        assertError(raw.get(SWARM + "nonsense"), 404, "'nonsense'");
        assertError(raw.get(SWARM + "stats/extra"), 404, "extra");
        assertError(raw.get("/v1/swarms/" + VOD), 404, VOD.value());
    }

    @Test
    @Order(11)
    void holdersQuery_isValidated_andLimitClamped() {
        assertError(raw.get(SWARM + "holders?segment=a.m4s&limit=-1"), 400, "'-1'");
        assertError(raw.get(SWARM + "holders?segment=a.m4s&limit=0"), 400, "'0'");
        assertError(raw.get(SWARM + "holders?segment=a.m4s&limit=abc"), 400, "'abc'");
        assertError(raw.get(SWARM + "holders?segment=a.m4s&limit="), 400, "limit");
        assertError(raw.get(SWARM + "holders?limit=3"), 400, "'segment' is required");
        assertError(raw.get(SWARM + "holders?segment=..%2Fx"), 400, "..");
        assertError(raw.get(SWARM + "holders?segment=a.m4s&segment=b.m4s"), 400, "once");

        HttpResponse<String> clamped = raw.get(SWARM + "holders?segment=a.m4s&limit=99999");
        assertThat(clamped.statusCode()).isEqualTo(200);
        assertThat(Json.read(clamped.body(), HoldersResponse.class).holders()).hasSize(50);
        HttpResponse<String> huge = raw.get(SWARM + "holders?segment=a.m4s&limit=99999999999999999");
        assertThat(Json.read(huge.body(), HoldersResponse.class).holders()).hasSize(50);
        HttpResponse<String> byDefault = raw.get(SWARM + "holders?segment=a.m4s");
        assertThat(Json.read(byDefault.body(), HoldersResponse.class).holders()).hasSize(8);
    }

    @Test
    @Order(12)
    void announceOf5000Entries_is400() {
        String drops = IntStream.range(0, 5000).mapToObj(i -> "\"s" + i + "\"").collect(Collectors.joining(","));
        assertError(raw.postJson(SWARM + "announce", "{\"peer\": \"peer-0001\", \"drop\": [" + drops + "]}"), 400,
                "at most 1000");
    }

    @Test
    @Order(13)
    void unknownPeer_is404() {
        assertError(raw.postJson(SWARM + "heartbeat", "{\"peer\": \"peer-9999\"}"), 404, "join again");
        assertError(raw.postJson("/v1/swarms/neverjoined/leave", "{\"peer\": \"peer-0001\"}"), 404, "peer-0001");
    }

    @Test
    @Order(100)
    void afterAllOfIt_theServerStillAnswersAValidLookupCorrectly() throws Exception {
        assertThat(client.stats(VOD)).get().satisfies(stats -> {
            assertThat(stats.peers()).isEqualTo(60);
            assertThat(stats.holdings()).isEqualTo(60);
        });
        List<Holder> holders = client.holders(VOD, "a.m4s", peer(60), 3);
        assertThat(holders).extracting(Holder::peer).hasSize(3).doesNotContain(peer(60));
        assertThat(holders).allSatisfy(h -> assertThat(h.sizeBytes()).isEqualTo(1000));
        assertThat(raw.get("/healthz").body()).isEqualTo("ok\n");
    }
}
