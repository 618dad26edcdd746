package io.privastream.link;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which key each {@code host:port} must present: the client side of a pinned link looks here
 * before trusting a server. Agents learn their peers' pins from the tracker (which vouches for
 * them at join) and the tracker's and relay's pins from their configuration.
 *
 * <p>Thread-safe. Hosts are compared as given (no resolution): pin the form the URLs use.
 */
public final class Pins {
    private static final int MAX_ENTRIES = 65_536;
    private final Map<String, Pin> byAddress = new ConcurrentHashMap<>();

    /** Requires {@code pin} of whoever answers at {@code host:port} from now on. */
    public void put(String host, int port, Pin pin) {
        if (byAddress.size() >= MAX_ENTRIES && !byAddress.containsKey(key(host, port))) {
            // Endpoints come and go with peers; an old entry is only a pin we will not need.
            byAddress.clear();
        }
        byAddress.put(key(host, port), pin);
    }

    /** The pin required at {@code host:port}, if one is known. */
    public Optional<Pin> expected(String host, int port) {
        return Optional.ofNullable(byAddress.get(key(host, port)));
    }

    private static String key(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(java.util.Locale.ROOT) + "|" + port;
    }
}
