package io.privastream.protocol.tracker;

import io.privastream.core.incentive.Receipt;
import java.util.Base64;

/**
 * A {@link Receipt} on the wire: the same fields, the key and signature in base64.
 */
public record ReceiptWire(String server, String receiver, String swarm, long bytes, long nonce, long timeMillis, String receiverKey,
                          String signature) {

    /** The wire form of {@code r}. */
    public static ReceiptWire of(Receipt r) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new ReceiptWire(r.server(), r.receiver(), r.swarm(), r.bytes(), r.nonce(), r.timeMillis(), b64.encodeToString(r.receiverKey()),
                b64.encodeToString(r.signature()));
    }

    /**
     * The receipt (not yet verified).
     *
     * @throws IllegalArgumentException when a field is missing or not base64
     */
    public Receipt receipt() {
        if (receiverKey == null || signature == null) {
            throw new IllegalArgumentException("a receipt needs receiverKey and signature");
        }
        return new Receipt(server, receiver, swarm, bytes, nonce, timeMillis, Base64.getDecoder().decode(receiverKey),
                Base64.getDecoder().decode(signature));
    }
}
