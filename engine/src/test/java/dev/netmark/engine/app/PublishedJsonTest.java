package dev.netmark.engine.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.AppChange;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the engine writes into the shared ConfigMaps leaves everyone else's part alone. */
class PublishedJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aModelsTiersReplaceOnlyItsOwnKeys() {
    ProbeTargets control =
        AppSpecs.controlTargets()
            .withApplications(
                Map.of(
                    "ns-1/api", new AppTier(null, 8080, "http", List.of()),
                    "ns-1/other",
                        new AppTier("10.96.0.30", 9000, "tcp-sink", List.of("10.0.0.9"))));
    String before = JSON.writeValueAsString(control);
    Map<String, AppTier> mine =
        Map.of("ns-1/api", new AppTier("10.96.0.20", 8080, "http", List.of("10.0.0.5")));
    Set<String> owned = Set.of("ns-1/api", "ns-1/web");

    String after = ProbeTargetsWriter.mergedJson(before, mine, owned);
    ProbeTargets t = JSON.readValue(after, ProbeTargets.class);
    assertThat(t.version()).isEqualTo(2);
    assertThat(t.controlPods()).isEqualTo(control.controlPods());
    assertThat(t.serviceIp()).isEqualTo("10.96.0.10");
    assertThat(t.applications())
        .containsEntry("ns-1/api", mine.get("ns-1/api"))
        .containsEntry("ns-1/other", control.applications().get("ns-1/other"))
        .hasSize(2);
    // Unchanged: the same text back, so nothing is written.
    assertThat(ProbeTargetsWriter.mergedJson(after, mine, owned)).isSameAs(after);
  }

  @Test
  void aChangesEndReplacesItsStart() {
    AppChange start = new AppChange("ns-1", "api", "roll", 1000, 0);
    AppChange other = new AppChange("ns-1", "db", "scale", 500, 700);
    String json = AppChanges.withChanges(null, List.of(other));
    json = AppChanges.withChanges(json, List.of(start));
    json = AppChanges.withChanges(json, List.of(new AppChange("ns-1", "api", "roll", 1000, 4000)));
    assertThat(JSON.readValue(json, new TypeReference<List<AppChange>>() {}))
        .containsExactly(other, new AppChange("ns-1", "api", "roll", 1000, 4000));
  }
}
