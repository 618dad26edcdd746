package io.privastream.tracker;

import io.privastream.core.media.Text;
import io.privastream.core.incentive.LedgerPolicy;
import io.privastream.core.swarm.SwarmPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link TrackerServer} listens and what it accepts. Immutable; build with
 * {@link #builder()} or take {@link #defaults()}.
 *
 * @param host                network interface to listen on; default {@code 0.0.0.0} (all IPv4
 *                            interfaces); never blank
 * @param port                TCP port; default 7070; 0 = any free port (read it back with
 *                            {@link TrackerServer#port()})
 * @param policy              timing and abuse bounds of the swarms; default {@link SwarmPolicy#defaults()}
 * @param maxRequestBodyBytes largest request body accepted, larger ones are answered 413 as soon
 *                            as that is known (from {@code Content-Length}, else while reading);
 *                            default 256 KiB (room for an announce of {@code AnnounceRequest.MAX_ITEMS}
 *                            entries with long paths); between 1 byte and 64 MiB
 * @param sweepInterval       how often silent peers and stale live holdings are swept; default 1 s;
 *                            at least 1 ms. Lookups never hand out expired entries, so this only
 *                            bounds how long they take memory.
 * @param tls                 serve the API over encrypted links (the configured protocol) with the tracker's key (agents pin it);
 *                            default true. Off, the API is plain HTTP and pins agents declare
 *                            are handed out unvouched
 * @param identityFile        the tracker's key ({@link io.privastream.link.NodeIdentity} PEM file,
 *                            made on first use); default empty: a fresh key each start, so agents
 *                            must be given the new pin after a restart
 * @param addresses           how peers' addresses are kept and handed out; default
 *                            {@link AddressMode#SEALED}
 * @param sealingKeyFile      the AES key that seals addresses (32 bytes, made on first use); share
 *                            it with a separate relay; default empty: a fresh key each start
 *                            (handles from before a restart stop opening; agents look up again)
 * @param handleLifetime      how long a handed-out handle opens; default 2 min; at least 1 s
 * @param ledgerFile          where the token ledger is kept (an append-only log, made on first use);
 *                            default empty: in memory only (lost with the process)
 * @param ledgerPolicy        how receipts become credit; default {@link LedgerPolicy#defaults()}
 */
public record TrackerConfig(String host, int port, SwarmPolicy policy, long maxRequestBodyBytes, Duration sweepInterval,
                            boolean tls, Optional<Path> identityFile, AddressMode addresses, Optional<Path> sealingKeyFile,
                            Duration handleLifetime, Optional<Path> ledgerFile, LedgerPolicy ledgerPolicy) {
    /** Default port of the tracker. */
    public static final int DEFAULT_PORT = 7070;
    private static final long MAX_BODY_LIMIT = 64L << 20;

    /** @throws IllegalArgumentException quoting the first invalid value */
    public TrackerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, got '" + Text.quote(host) + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535 (0 = any free port), got " + port);
        }
        if (policy == null) {
            throw new IllegalArgumentException("a swarm policy is required");
        }
        if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be 1-" + MAX_BODY_LIMIT + ", got " + maxRequestBodyBytes);
        }
        if (sweepInterval == null || sweepInterval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("sweepInterval must be at least 1 ms, got " + sweepInterval);
        }
        identityFile = identityFile == null ? Optional.empty() : identityFile;
        sealingKeyFile = sealingKeyFile == null ? Optional.empty() : sealingKeyFile;
        if (addresses == null) {
            throw new IllegalArgumentException("an address mode is required: " + java.util.Arrays.toString(AddressMode.values()));
        }
        if (handleLifetime == null || handleLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("handleLifetime must be at least 1 s, got " + handleLifetime);
        }
        ledgerFile = ledgerFile == null ? Optional.empty() : ledgerFile;
        if (ledgerPolicy == null) {
            throw new IllegalArgumentException("a ledger policy is required (LedgerPolicy.defaults())");
        }
    }

    /** The defaults listed on the record. */
    public static TrackerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder().host(host).port(port).policy(policy).maxRequestBodyBytes(maxRequestBodyBytes)
                .sweepInterval(sweepInterval).tls(tls).addresses(addresses).handleLifetime(handleLifetime);
        identityFile.ifPresent(b::identityFile);
        sealingKeyFile.ifPresent(b::sealingKeyFile);
        ledgerFile.ifPresent(b::ledgerFile);
        return b.ledgerPolicy(ledgerPolicy);
    }

    /** Collects a {@link TrackerConfig}; every value starts at its default. Not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private SwarmPolicy policy = SwarmPolicy.defaults();
        private long maxRequestBodyBytes = 256 * 1024;
        private Duration sweepInterval = Duration.ofSeconds(1);
        private boolean tls = true;
        private Path identityFile;
        private AddressMode addresses = AddressMode.SEALED;
        private Path sealingKeyFile;
        private Duration handleLifetime = Duration.ofMinutes(2);
        private Path ledgerFile;
        private LedgerPolicy ledgerPolicy = LedgerPolicy.defaults();

        /** See {@link TrackerConfig#ledgerFile()}. */
        public Builder ledgerFile(Path value) {
            ledgerFile = value;
            return this;
        }

        /** See {@link TrackerConfig#ledgerPolicy()}. */
        public Builder ledgerPolicy(LedgerPolicy value) {
            ledgerPolicy = value;
            return this;
        }

        private Builder() {
        }

        /** See {@link TrackerConfig#tls()}. */
        public Builder tls(boolean value) {
            tls = value;
            return this;
        }

        /** See {@link TrackerConfig#identityFile()}. */
        public Builder identityFile(Path value) {
            identityFile = value;
            return this;
        }

        /** See {@link TrackerConfig#addresses()}. */
        public Builder addresses(AddressMode value) {
            addresses = value;
            return this;
        }

        /** See {@link TrackerConfig#sealingKeyFile()}. */
        public Builder sealingKeyFile(Path value) {
            sealingKeyFile = value;
            return this;
        }

        /** See {@link TrackerConfig#handleLifetime()}. */
        public Builder handleLifetime(Duration value) {
            handleLifetime = value;
            return this;
        }

        /** See {@link TrackerConfig#host()}. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** See {@link TrackerConfig#port()}. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** See {@link TrackerConfig#policy()}. */
        public Builder policy(SwarmPolicy value) {
            policy = value;
            return this;
        }

        /** See {@link TrackerConfig#maxRequestBodyBytes()}. */
        public Builder maxRequestBodyBytes(long value) {
            maxRequestBodyBytes = value;
            return this;
        }

        /** See {@link TrackerConfig#sweepInterval()}. */
        public Builder sweepInterval(Duration value) {
            sweepInterval = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException quoting the first invalid value
         */
        public TrackerConfig build() {
            return new TrackerConfig(host, port, policy, maxRequestBodyBytes, sweepInterval, tls, Optional.ofNullable(identityFile),
                    addresses, Optional.ofNullable(sealingKeyFile), handleLifetime, Optional.ofNullable(ledgerFile), ledgerPolicy);
        }
    }
}
