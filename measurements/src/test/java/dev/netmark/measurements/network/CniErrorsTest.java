package dev.netmark.measurements.network;

import static dev.netmark.measurements.network.Fixture.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CniErrors/failures.jsonl: three "no IP addresses available" failures from bridge (different
 * containers, times, nodes), one host-local permission error, one netns error.
 */
class CniErrorsTest {
  @TempDir Path reportDir;

  @Test
  void topCausesWithPluginAndCode() throws InterruptedException {
    RecordedSource source = RecordedSource.load("CniErrors/failures.jsonl");
    Fixture f =
        new Fixture(new CniErrors(), new Fixture.Context(null, source, List.of("nm-1"), reportDir));
    Summary s = f.run(source, S + 1000, Map.of(), Map.of("top", 2));

    // Top 2 of 3 causes: bridge x3, then host-local and netns x1 each, tie broken by cause text
    // ('C' sorts before 'c').
    assertThat(s.dataItems()).hasSize(2);
    DataItem first = s.dataItems().get(0);
    assertThat(first.data()).containsEntry("Count", 3.0);
    assertThat(first.labels())
        .containsEntry("Plugin", "bridge")
        .containsEntry("Code", "11")
        .containsEntry(
            "Error",
            "CNI ADD of network nm for container <id>: plugin bridge failed after <n> ms: [code 11]"
                + " failed to allocate for range <n>: no IP addresses available in range set: <ip>-<ip>");
    assertThat(s.dataItems().get(1).labels())
        .containsEntry("Plugin", "host-local")
        .containsEntry("Code", "7");
    assertThat(s.notes())
        .contains("5 failed ADD attempts of 4 pods, 3 causes", "other causes: 1 with 1 attempts");
    assertThat(s.notes().get(4))
        .startsWith("3x [plugin bridge, code 11] ")
        .contains(" on node-a, node-b; e.g. ");
  }

  @Test
  void refusesSourcesWithoutRecordsAndBadTop() {
    Fixture f =
        new Fixture(
            new CniErrors(),
            new Fixture.Context(null, new HistogramSource(), List.of(), reportDir));
    assertThatThrownBy(() -> f.measurement.execute(Params.of(Map.of("action", "start"))))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("needs per-pod records");
    assertThatThrownBy(
            () -> new CniErrorsFactory().validate(Params.of(Map.of("action", "gather", "top", 0))))
        .hasMessage("params.top: expected 1 to 1000, found 0");
  }
}
