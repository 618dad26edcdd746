package io.privastream.experiments.cluster;

import java.util.Locale;

/**
 * The privacy settings a cluster runs with, from the paper's "SGX impact" comparison: nothing,
 * encrypted links, or encrypted links and relayed access.
 */
public enum PrivacyLevel {
    /** Plain HTTP everywhere, addresses in clear at the tracker. */
    OFF,
    /** Encrypted links (the configured protocol) pinned by vouched keys; addresses sealed; agents connect directly (the default). */
    ENCRYPTED,
    /** As {@link #ENCRYPTED}, and agents reach peers through the relay. */
    RELAYED;

    /** {@code off}, {@code encrypted} or {@code relayed}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a {@link #spelling()}.
     *
     * @throws IllegalArgumentException quoting {@code text} when it names no level
     */
    public static PrivacyLevel parse(String text) {
        for (PrivacyLevel l : values()) {
            if (l.spelling().equalsIgnoreCase(String.valueOf(text).strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown privacy level '" + text + "'; use off, encrypted or relayed");
    }
}
