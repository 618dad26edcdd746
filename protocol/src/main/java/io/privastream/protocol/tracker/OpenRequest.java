package io.privastream.protocol.tracker;

import java.util.List;

/**
 * Asks the tracker's enclave to open sealed handles (agents connecting to peers directly).
 *
 * @param handles handles as lookups gave them ({@code sealed:<hex>}), 1-{@value #MAX_HANDLES}
 */
public record OpenRequest(List<String> handles) {
    /** Most handles per request. */
    public static final int MAX_HANDLES = 64;

    public OpenRequest {
        if (handles == null || handles.isEmpty() || handles.size() > MAX_HANDLES) {
            throw new IllegalArgumentException("open needs 1-" + MAX_HANDLES + " handles, got " + (handles == null ? 0 : handles.size()));
        }
        handles = List.copyOf(handles);
    }
}
