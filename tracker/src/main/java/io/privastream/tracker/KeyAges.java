package io.privastream.tracker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the tracker has known each key: from the first standing ticket it issued to it. What a
 * server's newcomer grace counts from ({@code core.incentive.ServerStanding}).
 *
 * <p>In memory and bounded: after a restart, or once {@value #REMEMBERED} newer keys pushed a key
 * out, that key is new again and gets the grace once more. A fresh identity gets it anyway, so
 * forgetting gives nobody more than a new key would (see docs/incentives.md). Thread-safe.
 */
final class KeyAges {
    /** Keys remembered; the oldest first seen are forgotten first. */
    static final int REMEMBERED = 1_000_000;

    private final Map<String, Long> firstSeen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** How long {@code pin} has been known at {@code nowMillis}, in milliseconds; 0 the first time (from then on it is known). */
    synchronized long knownFor(String pin, long nowMillis) {
        long first = firstSeen.computeIfAbsent(pin, p -> nowMillis);
        return Math.max(0, nowMillis - first);
    }
}
