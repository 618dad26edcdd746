package io.privastream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

    @Test
    void builtInScenarios_load() {
        for (String name : ScenarioFile.BUILT_IN) {
            assertThat(ScenarioFile.load(name).name()).isEqualTo(name);
        }
        SimScenario flash = ScenarioFile.load("flash-crowd");
        assertThat(flash.viewerCount()).isEqualTo(100_000);
        assertThat(flash.session()).isEqualTo(Duration.ofMinutes(10));
        // The premise: mean upload at least 1.5 times the top rendition.
        assertThat(flash.viewers().getFirst().upload().meanMbps() * 1e6).isGreaterThanOrEqualTo(1.5 * flash.topBitsPerSecond());
        SimScenario enterprise = ScenarioFile.load("enterprise");
        assertThat(enterprise.offices()).hasSize(10);
        assertThat(enterprise.viewerCount()).isEqualTo(2000);
    }

    @Test
    void unknownKey_isRefusedByName() {
        assertThatThrownBy(() -> ScenarioFile.parse("{\"ladderKbps\": [500], \"servers\": [{\"uploadMbps\": 1}], \"viewers\": [{\"count\": 1,"
                + " \"downloadMbps\": 5, \"uploadMbps\": 1}], \"agnet\": {}}", "typo.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typo.json").hasMessageContaining("unknown key 'agnet'");
    }

    @Test
    void badValues_areQuoted() {
        assertThatThrownBy(() -> ScenarioFile.parse("{\"ladderKbps\": [500], \"servers\": [{\"uploadMbps\": 0}], \"viewers\": []}", "x"))
                .hasMessageContaining("server uploadMbps must be > 0, got 0.0");
        assertThatThrownBy(() -> ScenarioFile.parse("{\"ladderKbps\": [500], \"servers\": [{\"uploadMbps\": 1}], \"viewers\": [{\"count\": 1,"
                + " \"downloadMbps\": 5, \"uploadMbps\": 1, \"offices\": [\"nowhere\"]}]}", "x"))
                .hasMessageContaining("office 'nowhere'");
        assertThatThrownBy(() -> ScenarioFile.load("no-such-scenario"))
                .hasMessageContaining("no scenario file 'no-such-scenario'").hasMessageContaining("flash-crowd");
        assertThatThrownBy(() -> ScenarioFile.parse("{not json", "broken.json")).hasMessageContaining("broken.json is not valid JSON");
    }

    @Test
    void withViewers_scalesGroupsToTheTotal() {
        SimScenario s = ScenarioFile.load("flash-crowd").withViewers(1000);
        assertThat(s.viewerCount()).isEqualTo(1000);
    }
}
