package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An agent joins a content's swarm.
 *
 * @param peer     the agent's id in this swarm
 * @param endpoint how other agents reach this one; opaque to the tracker, which stores and hands
 *                 it out unread (a URL such as {@code http://10.0.0.5:8801} today, a sealed
 *                 handle once addresses are hidden); 1-1024 characters
 * @param live     whether the content is live; the first join of a swarm decides its mode
 * @param pin      the key (a {@code sha256:} SPKI pin) peers must find when they connect to the
 *                 endpoint over TLS; over a TLS link to the tracker it must be the key the agent
 *                 presented there (the tracker vouches only for keys it saw proven); empty for a
 *                 plain-HTTP endpoint
 * @param uploadKbps the uplink the agent declares, kbit/s (its configured upload cap), so that
 *                 the tracker hands it out in proportion; empty when unknown or unlimited.
 *                 1 to 100,000,000 (100 Gbit/s)
 */
public record JoinRequest(PeerId peer, String endpoint, boolean live, Optional<String> pin, OptionalInt uploadKbps) {
    /** Longest accepted endpoint, in characters. */
    public static final int MAX_ENDPOINT_LENGTH = 1024;

    public JoinRequest {
        if (peer == null) {
            throw new IllegalArgumentException("join needs a peer id");
        }
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("endpoint must be 1-" + MAX_ENDPOINT_LENGTH + " characters");
        }
        pin = pin == null ? Optional.empty() : pin;
        if (pin.isPresent() && !pin.get().matches("sha256:[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("pin must look like sha256:<43 base64url characters>, got '" + pin.get() + "'");
        }
        uploadKbps = uploadKbps == null ? OptionalInt.empty() : uploadKbps;
        if (uploadKbps.isPresent() && (uploadKbps.getAsInt() < 1 || uploadKbps.getAsInt() > 100_000_000)) {
            throw new IllegalArgumentException("uploadKbps must be 1-100000000, got " + uploadKbps.getAsInt());
        }
    }

    /** A join that declares no uplink. */
    public JoinRequest(PeerId peer, String endpoint, boolean live, Optional<String> pin) {
        this(peer, endpoint, live, pin, OptionalInt.empty());
    }

    /** A join without a key (plain-HTTP endpoint). */
    public JoinRequest(PeerId peer, String endpoint, boolean live) {
        this(peer, endpoint, live, Optional.empty(), OptionalInt.empty());
    }
}
