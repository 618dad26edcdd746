package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentRegistryTest {

    @Test
    void ids_surviveReopening(@TempDir Path dir) {
        ContentRegistry first = new ContentRegistry(dir, new SplittableRandom(1));
        var live = first.register("town-hall", true);
        var vod = first.register("keynote_2026", false);
        assertThat(first.register("town-hall", true)).isEqualTo(live);

        ContentRegistry again = new ContentRegistry(dir, new SplittableRandom(2));
        assertThat(again.byTitle("town-hall")).contains(live);
        assertThat(again.byId(vod.contentId())).contains(vod);
        assertThat(again.entries()).hasSize(2);
    }

    @Test
    void corruptFile_isAClearError_notSilentLoss(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("contents.json"), "{ not json");
        assertThatThrownBy(() -> new ContentRegistry(dir, new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("contents.json").hasMessageContaining("corrupt");
        assertThat(Files.readString(dir.resolve("contents.json"))).isEqualTo("{ not json");
    }

    @Test
    void titles_areSafeNames() {
        for (String bad : new String[] {"", "../x", "a/b", "-lead", "x".repeat(65), "sp ace"}) {
            assertThatThrownBy(() -> ContentRegistry.checkTitle(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ContentRegistry.checkTitle("Town.Hall-2026_v2")).isEqualTo("Town.Hall-2026_v2");
    }
}
