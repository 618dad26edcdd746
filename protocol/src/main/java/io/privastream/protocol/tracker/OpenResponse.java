package io.privastream.protocol.tracker;

import java.util.List;

/**
 * The addresses inside the handles of an {@link OpenRequest}, in the same order; an empty string
 * where a handle did not open (expired, tampered with, or sealed under another key).
 */
public record OpenResponse(List<String> addresses) {
    public OpenResponse {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
