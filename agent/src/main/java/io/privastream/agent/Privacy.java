package io.privastream.agent;

import io.privastream.link.Pin;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An agent's privacy settings: how its links are protected and how it reaches peers.
 *
 * @param encryptLinks   serve peers over encrypted links (see {@link io.privastream.link.LinkProtocol}) with this agent's key and fetch only from peers
 *                       whose key the tracker vouched for (default true; config key
 *                       {@code encrypt-links}). Off: plain HTTP to and from peers (for
 *                       comparison runs; the tracker link follows its URL's scheme)
 * @param identityFile   this agent's key file (made on first use); default empty: a fresh key per
 *                       run (config key {@code identity})
 * @param trackerPin     the tracker's key; required when the tracker URL is {@code https}
 *                       (config key {@code tracker-pin}; the tracker prints it at start)
 * @param access         {@link Access#DIRECT} (default) or {@link Access#RELAYED}
 *                       (config key {@code peer-access})
 * @param relay          the relay {@code host:port} for relayed access (config key {@code relay});
 *                       required with {@link Access#RELAYED}
 * @param decoysPerQuery fake lookups (and fake range fetches) per real lookup, for other
 *                       contents; 0-8, fractions allowed (0.5 = one decoy every other lookup);
 *                       default 0 (config key {@code decoys})
 */
public record Privacy(boolean encryptLinks, Optional<Path> identityFile, Optional<Pin> trackerPin, Access access,
                      Optional<URI> relay, double decoysPerQuery) {

    /** How an agent reaches the peers it fetches from. */
    public enum Access {
        /** Connect to the peer's address (opened from its handle by the tracker): fastest. */
        DIRECT,
        /**
         * Through the relay, which opens the handle; the serving peer sees only the relay's address,
         * the relay only ciphertext (the link runs end to end through it).
         */
        RELAYED;

        /**
         * Reads {@code direct} or {@code relayed}.
         *
         * @throws IllegalArgumentException quoting {@code text} otherwise
         */
        public static Access parse(String text) {
            return switch (String.valueOf(text).strip().toLowerCase(Locale.ROOT)) {
                case "direct" -> DIRECT;
                case "relayed" -> RELAYED;
                default -> throw new IllegalArgumentException("unknown peer access '" + text + "'; use direct or relayed");
            };
        }
    }

    /** @throws IllegalArgumentException quoting the inconsistent setting */
    public Privacy {
        identityFile = identityFile == null ? Optional.empty() : identityFile;
        trackerPin = trackerPin == null ? Optional.empty() : trackerPin;
        relay = relay == null ? Optional.empty() : relay;
        if (access == null) {
            throw new IllegalArgumentException("peer access is required: direct or relayed");
        }
        if (access == Access.RELAYED && relay.isEmpty()) {
            throw new IllegalArgumentException("relayed peer access needs a relay (host:port)");
        }
        if (access == Access.RELAYED && !encryptLinks) {
            throw new IllegalArgumentException("relayed peer access needs encrypted links: the relay must see only ciphertext");
        }
        relay.ifPresent(r -> {
            if (r.getHost() == null || r.getPort() < 1) {
                throw new IllegalArgumentException("relay must be host:port, got '" + r + "'");
            }
        });
        if (!(decoysPerQuery >= 0 && decoysPerQuery <= 8)) {
            throw new IllegalArgumentException("decoys per query must be 0-8, got " + decoysPerQuery);
        }
    }

    /** Encrypted links, direct access, no decoys, fresh keys. */
    public static Privacy defaults() {
        return new Privacy(true, Optional.empty(), Optional.empty(), Access.DIRECT, Optional.empty(), 0);
    }

    /** Plain HTTP links, direct access: the baseline of comparison runs. */
    public static Privacy off() {
        return new Privacy(false, Optional.empty(), Optional.empty(), Access.DIRECT, Optional.empty(), 0);
    }

    /** These settings with links encrypted or not. */
    public Privacy withEncryptLinks(boolean on) {
        return new Privacy(on, identityFile, trackerPin, access, relay, decoysPerQuery);
    }

    /** These settings with {@code file} as the agent's key file. */
    public Privacy withIdentityFile(Path file) {
        return new Privacy(encryptLinks, Optional.of(file), trackerPin, access, relay, decoysPerQuery);
    }

    /** These settings with the tracker's key. */
    public Privacy withTrackerPin(Pin pin) {
        return new Privacy(encryptLinks, identityFile, Optional.of(pin), access, relay, decoysPerQuery);
    }

    /** These settings reaching peers through the relay at {@code hostPort} ({@code host:port}). */
    public Privacy relayedVia(String hostPort) {
        return new Privacy(encryptLinks, identityFile, trackerPin, Access.RELAYED, Optional.of(URI.create("tcp://" + hostPort)), decoysPerQuery);
    }

    /** These settings with {@code n} decoy queries per real one. */
    public Privacy withDecoys(double n) {
        return new Privacy(encryptLinks, identityFile, trackerPin, access, relay, n);
    }
}
