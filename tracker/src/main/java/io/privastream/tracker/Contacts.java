package io.privastream.tracker;

import io.privastream.core.swarm.HolderInfo;
import io.privastream.enclave.AddressSealer;
import io.privastream.protocol.tracker.Holder;
import java.util.Optional;

/**
 * What the tracker keeps of how to reach a peer, and what it hands out: the boundary between the
 * bookkeeping (which stores an opaque string per peer) and the {@link AddressSealer}.
 *
 * <p>Stored form: {@code <pin or -> <address or sealed address>}. With sealing, the address goes
 * into the sealer as soon as the join is read; the book, its store and any dump of them hold
 * only ciphertext. Thread-safe.
 */
final class Contacts {
    private static final String NO_PIN = "-";

    private final AddressMode mode;
    private final AddressSealer sealer;

    Contacts(AddressMode mode, AddressSealer sealer) {
        this.mode = mode;
        this.sealer = sealer;
    }

    /** The string the book stores for a peer reachable at {@code endpoint} with key {@code pin}. */
    String store(String endpoint, Optional<String> pin) {
        String address = mode == AddressMode.CLEAR ? endpoint : sealer.seal(endpoint);
        return pin.orElse(NO_PIN) + " " + address;
    }

    /** The wire form of a holder: its pin, and its address or a fresh handle to it. */
    Holder wire(HolderInfo h) {
        String stored = h.endpoint();
        int space = stored.indexOf(' ');
        String pin = space < 0 ? NO_PIN : stored.substring(0, space);
        String address = space < 0 ? stored : stored.substring(space + 1);
        String endpoint = mode == AddressMode.CLEAR ? address : Holder.SEALED + sealer.handOut(address);
        return new Holder(h.peer(), endpoint, h.sizeBytes(), h.silence().toMillis(), h.pending(),
                pin.equals(NO_PIN) ? Optional.empty() : Optional.of(pin));
    }

    /**
     * The address inside a handed-out handle, for an agent connecting directly.
     *
     * @throws HttpProblem 403 when this tracker opens handles only for its relay
     */
    Optional<String> open(String handle) {
        if (mode != AddressMode.SEALED) {
            throw new HttpProblem(403, mode == AddressMode.CLEAR ? "this tracker hands out addresses, not handles"
                    : "this tracker opens handles only for its relay (addresses: relayed-only)");
        }
        return handle.startsWith(Holder.SEALED) ? sealer.open(handle.substring(Holder.SEALED.length())) : Optional.empty();
    }

    /** The sealer, for a relay in the same process. */
    AddressSealer sealer() {
        return sealer;
    }
}
