package io.privastream.experiments.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void everyBuiltInScenario_loads_andItsConfigurationsAreValid() {
        for (String name : Scenario.BUILT_IN) {
            Scenario s = Scenario.builtIn(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.configurations()).isNotEmpty();
            assertThat(s.viewers()).isEqualTo(10);
        }
        assertThat(Scenario.builtIn("privacy").configurations()).extracting(Scenario.Configuration::privacy)
                .containsExactly("off", "encrypted", "relayed", "relayed");
        assertThat(Scenario.builtIn("obfuscation").configurations()).extracting(Scenario.Configuration::coverContents).containsOnly(4);
        assertThat(Scenario.builtIn("rewarding").configurations()).extracting(Scenario.Configuration::maxSources).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> Scenario.builtIn("nope")).hasMessageContaining("'nope'").hasMessageContaining("paper");
    }

    @Test
    void freeRiders_areSpreadOverTheJoinOrder_inTheGivenShare() {
        Scenario.Configuration c = Scenario.builtIn("freeriders").configurations().getLast();
        assertThat(c.incentive()).isEqualTo("tokens");
        assertThat(IntStream.range(0, 10).filter(i -> c.freeRider(i, 10)).boxed().toList()).containsExactly(0, 3, 6);
        Scenario.Configuration none = Scenario.paper().configurations().getFirst();
        assertThat(IntStream.range(0, 10).noneMatch(i -> none.freeRider(i, 10))).isTrue();
        assertThat(none.incentive()).isEqualTo("none");
    }

    @Test
    void fluidBound_countsTheUploadOfTheViewersThatUpload() {
        Scenario paper = Scenario.paper();
        Scenario.Configuration priva = paper.configurations().stream().filter(c -> c.name().equals("priva-stream")).findFirst().orElseThrow();
        // (10 + 10 x 2) / 10 Mbit/s = 3 Mbit/s, the top rendition.
        assertThat(paper.fluidBoundKbps(priva)).isEqualTo(3000.0);
        Scenario riders = Scenario.builtIn("freeriders");
        Scenario.Configuration tokens = riders.configurations().getLast();
        double server = io.privastream.core.rate.Bandwidth.parse(riders.serverUpload()).bitsPerSecond() / 1000.0;
        // 3 of 10 free-riders: only 7 uplinks of 2 Mbit/s count.
        assertThat(riders.fluidBoundKbps(tokens)).isEqualTo(Math.min(3000.0, (server + 7 * 2000.0) / 10));
    }

    @Test
    void serverTransferLimit_isOptional_andChecked() {
        assertThat(Scenario.paper().configurations()).extracting(Scenario.Configuration::serverMaxTransfers).containsOnly(0);
        assertThat(Scenario.builtIn("freeriders").configurations()).extracting(Scenario.Configuration::serverMaxTransfers).containsOnly(8);
        assertThatThrownBy(() -> new Scenario.Configuration("limited", 1, true, "multi-source", 4, null, null, null, null, null, null, null, -1, null, null, null, null, null, null))
                .hasMessageContaining("limited").hasMessageContaining("serverMaxTransfers");
    }

    @Test
    void rescueHeadroom_defaultsToTheAgents_andIsChecked() {
        assertThat(Scenario.paper().configurations()).extracting(Scenario.Configuration::rescueHeadroom).containsOnly(0.0);
        assertThatThrownBy(() -> new Scenario.Configuration("eager", 1, true, "multi-source", 4, null, null, null, null, null, null, null, null, 0.5, null, null, null, null, null))
                .hasMessageContaining("eager").hasMessageContaining("rescueHeadroom");
    }

    @Test
    void livePhase_isOptional_andBelowOneSegment() {
        assertThat(Scenario.paper().configurations()).extracting(Scenario.Configuration::livePhase).containsOnly(0.0);
        assertThat(new Scenario.Configuration("phased", 1, true, "multi-source", 4, null, null, null, null, null, null, null, null, null, 0.5, null, null, null, null)
                .livePhase()).isEqualTo(0.5);
        assertThatThrownBy(() -> new Scenario.Configuration("late", 1, true, "multi-source", 4, null, null, null, null, null, null, null, null, null, 1.0, null, null, null, null))
                .hasMessageContaining("late").hasMessageContaining("livePhase");
    }

    @Test
    void relayTree_isOptional_reachesTheTrackerPolicy_andIsChecked() {
        io.privastream.core.swarm.SwarmPolicy base = io.privastream.core.swarm.SwarmPolicy.defaults();
        // Absent: no trees. The paper scenario gives them to PRIVA-STREAM only.
        assertThat(Scenario.paper().configurations()).allSatisfy(c -> assertThat(c.trackerPolicy(base).relayParents())
                .isEqualTo(c.name().equals("priva-stream") ? 2 : 0));
        var tree = new Scenario.Configuration("trees", 1, true, "multi-source", 4, null, null, null, null, null, null, null, null, null, null, 2, 24, 1000, null);
        assertThat(tree.trackerPolicy(base)).satisfies(p -> {
            assertThat(p.relayParents()).isEqualTo(2);
            assertThat(p.relayFanOut()).isEqualTo(24);
            assertThat(p.relayChildKbps()).isEqualTo(1000);
            assertThat(p.heartbeatInterval()).isEqualTo(base.heartbeatInterval());
        });
        assertThatThrownBy(() -> new Scenario.Configuration("flat", 1, true, "multi-source", 4, null, null, null, null, null, null, null, null, null, null, 2, 2, null, null))
                .hasMessageContaining("flat").hasMessageContaining("relayFanOut");
    }
}
