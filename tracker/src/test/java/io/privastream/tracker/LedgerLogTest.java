package io.privastream.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.incentive.Ledger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerLogTest {
    @TempDir
    Path dir;

    private static Ledger.Entry entry(int i) {
        return new Ledger.Entry("sha256:server" + i, "sha256:receiver" + i, i * 7L, 1_800_000_000_000L + i, i * 1000L);
    }

    private List<Ledger.Entry> reopen(Path file) {
        List<Ledger.Entry> read = new ArrayList<>();
        LedgerLog.open(file, read::add).close();
        return read;
    }

    @Test
    void entries_comeBackInOrder_afterReopening() {
        Path file = dir.resolve("ledger.log");
        try (LedgerLog log = LedgerLog.open(file, e -> { })) {
            log.append(List.of(entry(1), entry(2)));
            log.append(List.of(entry(3)));
        }
        assertThat(reopen(file)).containsExactly(entry(1), entry(2), entry(3));
        try (LedgerLog log = LedgerLog.open(file, e -> { })) {
            log.append(List.of(entry(4)));
        }
        assertThat(reopen(file)).containsExactly(entry(1), entry(2), entry(3), entry(4));
    }

    @Test
    void aTornLastRecord_isCutAtOpen_andLaterAppendsFollowTheGoodOnes() throws Exception {
        Path file = dir.resolve("ledger.log");
        try (LedgerLog log = LedgerLog.open(file, e -> { })) {
            log.append(List.of(entry(1), entry(2)));
        }
        long good = Files.size(file);
        // What a kill halfway through a write leaves: a header promising more than is there.
        Files.write(file, ByteBuffer.allocate(12).putInt(200).putInt(42).putInt(7).array(), StandardOpenOption.APPEND);
        assertThat(reopen(file)).containsExactly(entry(1), entry(2));
        assertThat(Files.size(file)).isEqualTo(good);
        try (LedgerLog log = LedgerLog.open(file, e -> { })) {
            log.append(List.of(entry(3)));
        }
        assertThat(reopen(file)).containsExactly(entry(1), entry(2), entry(3));
    }

    @Test
    void aDamagedRecord_endsTheLogThere() throws Exception {
        Path file = dir.resolve("ledger.log");
        try (LedgerLog log = LedgerLog.open(file, e -> { })) {
            log.append(List.of(entry(1), entry(2), entry(3)));
        }
        byte[] bytes = Files.readAllBytes(file);
        int second = 8 + ByteBuffer.wrap(bytes).getInt(0);
        bytes[second + 12] ^= 0x55; // inside the second record's payload: its checksum fails
        Files.write(file, bytes);
        assertThat(reopen(file)).containsExactly(entry(1));
    }
}
