package io.privastream.enclave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressSealerTest {
    private static final String ADDRESS = "https://10.0.0.5:8801";

    /** A clock tests move by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final SealingKey key = SealingKey.generate();
    private final AddressSealer sealer = new AddressSealer(key, clock, Duration.ofMinutes(2));

    @Test
    void storedForm_handsOutHandles_thatOpenToTheAddress_andNeverShowIt() {
        String stored = sealer.seal(ADDRESS);
        String handle = sealer.handOut(stored);
        assertThat(stored).doesNotContain("10.0.0.5").matches("[0-9a-f]+");
        assertThat(handle).doesNotContain("10.0.0.5").matches("[0-9a-f]+");
        assertThat(sealer.open(handle)).contains(ADDRESS);
    }

    @Test
    void twoHandlesOfOnePeer_differ() {
        String stored = sealer.seal(ADDRESS);
        assertThat(sealer.handOut(stored)).isNotEqualTo(sealer.handOut(stored));
    }

    @Test
    void handle_expiresAfterItsLifetime() {
        String handle = sealer.handOut(sealer.seal(ADDRESS));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(sealer.open(handle)).contains(ADDRESS);
        clock.now = clock.now.plusMillis(1);
        assertThat(sealer.open(handle)).isEmpty();
    }

    @Test
    void storedForm_isNotAHandle() {
        assertThat(sealer.open(sealer.seal(ADDRESS))).isEmpty();
    }

    @Test
    void tamperedOrForeignOrJunkHandles_doNotOpen() {
        String handle = sealer.handOut(sealer.seal(ADDRESS));
        char[] flipped = handle.toCharArray();
        flipped[30] = flipped[30] == '0' ? '1' : '0';
        assertThat(sealer.open(new String(flipped))).isEmpty();
        assertThat(new AddressSealer(SealingKey.generate(), clock, Duration.ofMinutes(2)).open(handle)).isEmpty();
        assertThat(sealer.open("not hex")).isEmpty();
        assertThat(sealer.open("abcd")).isEmpty();
        assertThat(sealer.open("")).isEmpty();
    }

    @Test
    void handOut_refusesWhatIsNotAStoredForm() {
        String handle = sealer.handOut(sealer.seal(ADDRESS));
        assertThatThrownBy(() -> sealer.handOut(handle)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyFile_isKeptAcrossRestarts_andADamagedOneIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sealing.key");
        String stored = new AddressSealer(SealingKey.loadOrCreate(file), clock, Duration.ofMinutes(2)).seal(ADDRESS);
        AddressSealer again = new AddressSealer(SealingKey.loadOrCreate(file), clock, Duration.ofMinutes(2));
        assertThat(again.open(again.handOut(stored))).contains(ADDRESS);
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SealingKey.loadOrCreate(file)).isInstanceOf(EnclaveException.class).hasMessageContaining("3 bytes");
        assertThat(Files.size(file)).isEqualTo(3);
    }
}
