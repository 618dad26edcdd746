package io.privastream.protocol.tracker;

import io.privastream.core.media.PeerId;
import java.util.Optional;

/**
 * A peer that holds a requested object.
 *
 * @param peer      the holder's id
 * @param endpoint  how to reach it: the URL it gave at join, or, when the tracker seals
 *                  addresses, a handle {@code sealed:<hex>} that only the relay (or the
 *                  tracker's open operation) turns back into an address
 * @param sizeBytes the object's size as the holder announced it
 * @param ageMs     milliseconds since the tracker last heard from the holder
 * @param pending   true when the holder is still fetching the object (it serves the bytes as
 *                  they arrive); {@code sizeBytes} is then 0
 * @param pin       the key the holder proved to the tracker (vouched), which its TLS endpoint
 *                  must present; empty for a holder that joined over plain HTTP
 */
public record Holder(PeerId peer, String endpoint, long sizeBytes, long ageMs, boolean pending, Optional<String> pin) {
    /** Prefix of a sealed handle in {@link #endpoint()}. */
    public static final String SEALED = "sealed:";

    public Holder {
        pin = pin == null ? Optional.empty() : pin;
    }

    /** A holder of the complete object, without a key. */
    public Holder(PeerId peer, String endpoint, long sizeBytes, long ageMs) {
        this(peer, endpoint, sizeBytes, ageMs, false, Optional.empty());
    }

    /** True when {@link #endpoint()} is a sealed handle rather than an address. */
    public boolean sealed() {
        return endpoint.startsWith(SEALED);
    }
}
