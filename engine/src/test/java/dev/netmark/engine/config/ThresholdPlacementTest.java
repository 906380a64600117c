package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thresholds may be given on a measurement's start or on its gather, as clusterloader2 allows; they
 * are checked at gather, so the gather's params carry the start's. Both given: the gather's win,
 * with a note.
 */
class ThresholdPlacementTest {
  private static final Path FILE = Path.of("src/test/resources/config/thresholds/config.yaml");
  private final TestConfig config =
      ConfigLoader.load(FILE, ParameterSources.none(), new FakeCatalog()).config();

  private MeasurementSpec gather(int step, String identifier) {
    return config.steps().get(step).measurements().stream()
        .filter(m -> m.identifier().equals(identifier))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void thresholdsOnStartReachTheGatherOfGatherMeasurement() {
    MeasurementSpec spec = gather(2, "OnStart");
    assertThat(spec.params().action()).isEqualTo("gather");
    assertThat(spec.params().asMap().get("thresholds"))
        .isEqualTo(Map.of("create_to_running", Map.of("Perc99", "5s")));
    assertThat(spec.notes()).isEmpty();
  }

  @Test
  void thresholdsOnGatherStayAsGiven() {
    MeasurementSpec spec = gather(1, "OnGather");
    assertThat(spec.params().asMap().get("thresholds"))
        .isEqualTo(Map.of("create_to_running", Map.of("Perc50", "1s")));
    assertThat(spec.notes()).isEmpty();
  }

  @Test
  void onBothTheLaterWinsWithANote() {
    MeasurementSpec spec = gather(1, "OnBoth");
    assertThat(spec.params().asMap().get("thresholds"))
        .isEqualTo(Map.of("create_to_running", Map.of("Perc90", "2s")));
    assertThat(spec.notes())
        .containsExactly(
            "thresholds given at start (steps[0].measurements[2] (config.yaml:12)) and at gather"
                + " (steps[1].measurements[1] (config.yaml:20)); the gather's apply, as the later"
                + " ones");
  }

  @Test
  void theStartKeepsItsOwnThresholdsAndNothingElseIsGathered() {
    assertThat(gather(0, "OnStart").params().asMap().get("thresholds")).isNotNull();
    assertThat(config.steps().get(2).measurements())
        .extracting(MeasurementSpec::identifier)
        .isEqualTo(List.of("OnStart"));
  }
}
