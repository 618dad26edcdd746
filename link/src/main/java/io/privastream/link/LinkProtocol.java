package io.privastream.link;

import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Which protocol encrypts and authenticates links between nodes (agent↔agent, agent↔tracker,
 * agent↔relay↔agent). Both give forward secrecy (a fresh X25519 key per connection), AEAD
 * records and authentication by pinned Ed25519 keys; both carry HTTP/1.1 unchanged. They differ
 * in cost: {@code privastream bench crypto} measures each against plain HTTP.
 *
 * <p>Chosen per process with the system property {@value #PROPERTY} or the environment variable
 * {@value #ENVIRONMENT} ({@code noise} or {@code tls}; default {@code noise}). Every node of a
 * deployment must use the same one: a Noise end refuses a TLS handshake with an error naming
 * the mismatch.
 */
public enum LinkProtocol {
    /** Noise XX, X25519, AES-256-GCM, SHA-256, in large frames ({@link NoiseLinks}); the default. */
    NOISE("noise", "Noise XX") {
        @Override
        public SSLContext context(NodeIdentity identity, Pins pins) {
            return NoiseLinks.context(identity, pins);
        }

        @Override
        public SSLParameters clientParameters() {
            return NoiseLinks.clientParameters();
        }
    },
    /** TLS 1.3 through the JDK's JSSE ({@link Tls}). */
    TLS("tls", "TLS 1.3") {
        @Override
        public SSLContext context(NodeIdentity identity, Pins pins) {
            return Tls.context(identity, pins);
        }

        @Override
        public SSLParameters clientParameters() {
            return Tls.clientParameters();
        }
    };

    /** The system property naming the protocol. */
    public static final String PROPERTY = "privastream.links";
    /** The environment variable naming the protocol when the property is not set. */
    public static final String ENVIRONMENT = "PRIVASTREAM_LINKS";

    private final String id;
    private final String label;

    LinkProtocol(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /**
     * A context for a node that connects to pinned servers as {@code identity} and serves as
     * {@code identity}, accepting any client key (what a key may do is decided above the link).
     */
    public abstract SSLContext context(NodeIdentity identity, Pins pins);

    /** Parameters for the JDK HTTP client using a context of this protocol. */
    public abstract SSLParameters clientParameters();

    /** Its name in configuration: {@code noise} or {@code tls}. */
    public String id() {
        return id;
    }

    /** Its name for people, e.g. in logs: "Noise XX" or "TLS 1.3". */
    public String label() {
        return label;
    }

    /**
     * The protocol this process is configured with.
     *
     * @throws LinkException naming the choices when the setting is not one of them
     */
    public static LinkProtocol configured() {
        String value = System.getProperty(PROPERTY);
        String from = "-D" + PROPERTY;
        if (value == null) {
            value = System.getenv(ENVIRONMENT);
            from = ENVIRONMENT;
        }
        return value == null || value.isBlank() ? NOISE : parse(value, from);
    }

    /**
     * The protocol named {@code value} ({@code noise} or {@code tls}, any case).
     *
     * @throws LinkException naming the choices otherwise
     */
    public static LinkProtocol parse(String value, String from) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(v)).findFirst().orElseThrow(() -> new LinkException(
                from + "=" + value + " is not a link protocol; choose noise (the default) or tls"));
    }

    /** The protocol {@code context} was made for (by {@link #context}). */
    public static LinkProtocol of(SSLContext context) {
        return NoiseLinks.PROTOCOL.equals(context.getProtocol()) ? NOISE : TLS;
    }
}
