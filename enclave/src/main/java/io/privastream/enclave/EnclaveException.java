package io.privastream.enclave;

/** The sealing key could not be made, read or stored; the message names the file and why. */
public final class EnclaveException extends RuntimeException {
    /** With {@code message} and its {@code cause}. */
    public EnclaveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With {@code message}. */
    public EnclaveException(String message) {
        super(message);
    }
}
