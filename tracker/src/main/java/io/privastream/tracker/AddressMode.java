package io.privastream.tracker;

import java.util.Locale;

/** How a tracker keeps peers' addresses and what it hands out; config key {@code addresses}. */
public enum AddressMode {
    /** Stored and handed out as given: no address privacy (for comparison runs). */
    CLEAR,
    /**
     * Sealed at join; lookups hand out fresh handles; agents that connect directly open them
     * with {@code POST /v1/open} (default).
     */
    SEALED,
    /** Like {@link #SEALED}, but handles are only opened by the relay: no agent ever learns another's address. */
    RELAYED_ONLY;

    /** The mode's config spelling: {@code clear}, {@code sealed}, {@code relayed-only}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a {@link #spelling()}.
     *
     * @throws IllegalArgumentException quoting {@code text} when it names no mode
     */
    public static AddressMode parse(String text) {
        for (AddressMode m : values()) {
            if (m.spelling().equalsIgnoreCase(String.valueOf(text).strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown address mode '" + text + "'; use clear, sealed or relayed-only");
    }
}
