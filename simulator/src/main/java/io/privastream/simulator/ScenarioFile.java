package io.privastream.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privastream.core.download.DownloadTuning;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link SimScenario} from JSON: a file, or one of the built-in scenarios by name
 * ({@link #BUILT_IN}). Unknown keys are refused (a typo must not silently fall back to a
 * default); every default is the one {@code docs/simulator.md} lists.
 */
public final class ScenarioFile {
    /** Scenarios shipped in the jar, by name. */
    public static final List<String> BUILT_IN = List.of("paper", "freeriders", "enterprise", "flash-crowd", "flash-crowd-1k", "small");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "seed", "live", "sessionSeconds", "segmentSeconds", "ladderKbps", "audioKbps", "servers",
            "offices", "viewers", "agent", "tracker", "intervalSeconds", "settleMillis", "relayReachMillis", "steadyFromSeconds");
    private static final Set<String> SERVER = Set.of("uploadMbps", "latencyMs", "maxTransfers", "reservedTransfers");
    private static final Set<String> OFFICE = Set.of("name", "gatewayMbps");
    private static final Set<String> GROUP = Set.of("name", "count", "downloadMbps", "uploadMbps", "latencyMs", "arrival", "meanStaySeconds",
            "crashShare", "freeRiderShare", "offices");
    private static final Set<String> ARRIVAL = Set.of("kind", "at", "from", "to");
    private static final Set<String> TRACKER = Set.of("relayParents", "relayFanOut", "relayChildKbps");
    private static final Set<String> AGENT = Set.of("strategy", "maxSources", "maxPeers", "peerSelector", "abr", "incentive", "deadlinePolicy",
            "liveDelaySegments", "liveLeadSegments", "maxBufferSeconds", "reviewMillis", "cacheBudgetMB", "rescueHeadroom", "livePhase");

    private ScenarioFile() {
    }

    /**
     * The built-in scenario called {@code nameOrPath}, else the JSON file at that path.
     *
     * @throws IllegalArgumentException naming the file and the bad key or value
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static SimScenario load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) {
            try (InputStream in = ScenarioFile.class.getResourceAsStream("scenarios/" + nameOrPath + ".json")) {
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), nameOrPath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no scenario file '" + nameOrPath + "'; built-in scenarios: " + BUILT_IN);
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /**
     * Parses {@code json}; {@code origin} names it in errors.
     *
     * @throws IllegalArgumentException naming {@code origin} and the bad key or value
     */
    public static SimScenario parse(String json, String origin) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return scenario(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scenario " + origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + origin + ": " + e.getMessage(), e);
        }
    }

    private static SimScenario scenario(JsonNode n) {
        known(n, TOP, "");
        List<Long> ladder = new ArrayList<>();
        for (JsonNode k : array(n, "ladderKbps")) {
            ladder.add(Math.round(number(k, "ladderKbps") * 1000));
        }
        List<SimScenario.Server> servers = new ArrayList<>();
        for (JsonNode s : array(n, "servers")) {
            known(s, SERVER, "servers[].");
            servers.add(new SimScenario.Server(num(s, "uploadMbps", Double.NaN), millis(s, "latencyMs", 10), (int) num(s, "maxTransfers", 0),
                    (int) num(s, "reservedTransfers", 0)));
        }
        List<SimScenario.Office> offices = new ArrayList<>();
        for (JsonNode o : optionalArray(n, "offices")) {
            known(o, OFFICE, "offices[].");
            offices.add(new SimScenario.Office(text(o, "name", ""), num(o, "gatewayMbps", Double.NaN)));
        }
        List<SimScenario.ViewerGroup> groups = new ArrayList<>();
        int i = 0;
        for (JsonNode g : array(n, "viewers")) {
            known(g, GROUP, "viewers[].");
            groups.add(group(g, "group-" + i++));
        }
        JsonNode a = n.path("agent");
        if (!a.isMissingNode()) {
            known(a, AGENT, "agent.");
        }
        SimScenario.Agent agent = new SimScenario.Agent(text(a, "strategy", "multi-source"), (int) num(a, "maxSources", 4),
                (int) num(a, "maxPeers", 8), text(a, "peerSelector", "random"), text(a, "abr", "dynamic"), text(a, "incentive", "none"),
                text(a, "deadlinePolicy", "inferred"), (int) num(a, "liveDelaySegments", 3), (int) num(a, "liveLeadSegments", 0),
                seconds(a, "maxBufferSeconds", 30), millis(a, "reviewMillis", 100), Math.round(num(a, "cacheBudgetMB", 512) * 1024 * 1024),
                num(a, "rescueHeadroom", DownloadTuning.defaults().rescueHeadroom()), num(a, "livePhase", 0));
        JsonNode t = n.path("tracker");
        if (!t.isMissingNode()) {
            known(t, TRACKER, "tracker.");
        }
        SimScenario.Tracker tracker = new SimScenario.Tracker((int) num(t, "relayParents", 0), (int) num(t, "relayFanOut", 12),
                (int) num(t, "relayChildKbps", 0));
        return new SimScenario(text(n, "name", "unnamed"), text(n, "description", ""), (long) num(n, "seed", 1), bool(n, "live", true),
                seconds(n, "sessionSeconds", 300),
                seconds(n, "segmentSeconds", 2), ladder, Math.round(num(n, "audioKbps", 0) * 1000), servers, offices, groups, agent, tracker, seconds(n, "intervalSeconds", 5),
                millis(n, "settleMillis", 5), millis(n, "relayReachMillis", 0), seconds(n, "steadyFromSeconds", 0));
    }

    private static SimScenario.ViewerGroup group(JsonNode g, String fallbackName) {
        JsonNode arrival = g.path("arrival");
        SimScenario.Arrival when;
        if (arrival.isMissingNode()) {
            when = new SimScenario.Arrival("at", List.of(0.0), 0, 0);
        } else {
            known(arrival, ARRIVAL, "viewers[].arrival.");
            List<Double> at = new ArrayList<>();
            for (JsonNode t : optionalArray(arrival, "at")) {
                at.add(number(t, "arrival.at"));
            }
            when = new SimScenario.Arrival(text(arrival, "kind", "at"), at, num(arrival, "from", 0), num(arrival, "to", num(arrival, "from", 0)));
        }
        double stay = num(g, "meanStaySeconds", 0);
        List<String> offices = new ArrayList<>();
        for (JsonNode o : optionalArray(g, "offices")) {
            offices.add(o.asText());
        }
        return new SimScenario.ViewerGroup(text(g, "name", fallbackName), (int) num(g, "count", Double.NaN), capacity(g, "downloadMbps"),
                capacity(g, "uploadMbps"), millis(g, "latencyMs", 10), when,
                stay > 0 ? Optional.of(Duration.ofMillis(Math.round(stay * 1000))) : Optional.empty(), num(g, "crashShare", 0),
                num(g, "freeRiderShare", 0), offices);
    }

    /** A number, or {@code {"mbps": [..], "weights": [..]}}. */
    private static Capacity capacity(JsonNode g, String key) {
        JsonNode c = g.path(key);
        if (c.isNumber()) {
            return Capacity.fixed(c.asDouble());
        }
        if (c.isObject()) {
            known(c, Set.of("mbps", "weights"), key + ".");
            List<Double> mbps = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            array(c, "mbps").forEach(v -> mbps.add(number(v, key + ".mbps")));
            array(c, "weights").forEach(v -> weights.add(number(v, key + ".weights")));
            return new Capacity(mbps, weights);
        }
        throw new IllegalArgumentException("'" + key + "' must be a number of Mbit/s or {\"mbps\": [...], \"weights\": [...]}, got " + c);
    }

    private static void known(JsonNode n, Set<String> keys, String prefix) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("'" + prefix + "' must be an object, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + prefix + k + "'; known: " + keys.stream().sorted().toList());
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode n, String key) {
        JsonNode a = n.path(key);
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be an array, got " + (a.isMissingNode() ? "nothing" : a));
        }
        return a;
    }

    private static Iterable<JsonNode> optionalArray(JsonNode n, String key) {
        return n.path(key).isMissingNode() ? List.of() : array(n, key);
    }

    private static double number(JsonNode v, String what) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + what + "' must hold numbers, got " + v);
        }
        return v.asDouble();
    }

    private static double num(JsonNode n, String key, double fallback) {
        JsonNode v = n.path(key);
        if (v.isMissingNode()) {
            if (Double.isNaN(fallback)) {
                throw new IllegalArgumentException("'" + key + "' is required");
            }
            return fallback;
        }
        return number(v, key);
    }

    private static String text(JsonNode n, String key, String fallback) {
        JsonNode v = n.path(key);
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String key, boolean fallback) {
        JsonNode v = n.path(key);
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static Duration seconds(JsonNode n, String key, double fallback) {
        return Duration.ofNanos(Math.round(num(n, key, fallback) * 1e9));
    }

    private static Duration millis(JsonNode n, String key, double fallback) {
        return Duration.ofNanos(Math.round(num(n, key, fallback) * 1e6));
    }
}
