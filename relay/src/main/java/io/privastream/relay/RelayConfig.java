package io.privastream.relay;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link RelayServer} listens and connects.
 *
 * @param host          interface to listen on; default {@code 0.0.0.0}
 * @param port          TCP port; default 7071; 0 = any free port
 * @param bindHost      local address the relay's own connections to peers leave from; default
 *                      empty (the system's choice)
 * @param headTimeout   longest wait for a client's whole CONNECT request; default 5 s
 * @param connectTimeout longest wait to reach the peer; default 3 s
 * @param idleTimeout   a tunnel that carries nothing either way for this long is closed; default 60 s
 * @param maxTunnels    tunnels open at once; more are answered 503; default 4096
 */
public record RelayConfig(String host, int port, Optional<String> bindHost, Duration headTimeout, Duration connectTimeout,
                          Duration idleTimeout, int maxTunnels) {
    /** Default port of a relay. */
    public static final int DEFAULT_PORT = 7071;

    /** @throws IllegalArgumentException quoting the bad value */
    public RelayConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("relay host must not be blank, got '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("relay port must be 0-65535, got " + port);
        }
        bindHost = bindHost == null ? Optional.empty() : bindHost;
        for (Duration d : new Duration[] {headTimeout, connectTimeout, idleTimeout}) {
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("relay timeouts must be at least 1 ms, got " + d);
            }
        }
        if (maxTunnels < 1) {
            throw new IllegalArgumentException("maxTunnels must be >= 1, got " + maxTunnels);
        }
    }

    /** The defaults listed on the record, on {@code host:port}. */
    public static RelayConfig on(String host, int port) {
        return new RelayConfig(host, port, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(60), 4096);
    }

    /** This configuration with outgoing connections leaving from {@code address}. */
    public RelayConfig bindingTo(String address) {
        return new RelayConfig(host, port, Optional.of(address), headTimeout, connectTimeout, idleTimeout, maxTunnels);
    }
}
