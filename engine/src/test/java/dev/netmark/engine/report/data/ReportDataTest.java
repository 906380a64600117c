package dev.netmark.engine.report.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDataTest {
  @TempDir Path dir;

  @Test
  void readsSummariesSamplesAndSeriesWithRepeatedSummariesNumbered() throws Exception {
    Files.writeString(
        dir.resolve("NetworkReadyLatency_t_2026-01-01T00:00:00Z.json"),
        """
        {"version":"v1","dataItems":[{"data":{"Perc50":4.5,"Count":2},"unit":"ms",
         "labels":{"Metric":"cni_add"}}]}""");
    Files.writeString(dir.resolve("junit.xml"), "<testsuites/>");
    Files.createDirectories(dir.resolve("data"));
    // The later gather (ms 2000) is the second summary of that name: key NetworkReadyLatency-2.
    Files.writeString(
        dir.resolve("data/NetworkReadyLatency_samples_t_2000.json"),
        """
        {"summary":"NetworkReadyLatency","sets":[{"labels":{"Metric":"cni_add"},"unit":"ms",
         "values":[7,8]}]}""");
    Files.writeString(
        dir.resolve("data/NetworkReadyLatency_samples_t_1000.json"),
        """
        {"summary":"NetworkReadyLatency","sets":[{"labels":{"Metric":"cni_add"},"unit":"ms",
         "values":[4,5]}]}""");
    Files.writeString(
        dir.resolve("data/NetworkReadyThroughput_timeseries_t_1000.json"),
        """
        {"originMs":5000,"intervalMs":1000,"total":[1,3,0],
         "perNode":{"node-a":[1,1,0],"node-b":[0,2,0]}}""");
    Files.writeString(dir.resolve("data/TrafficModel_pods_t_1000.json"), "[]");

    ReportData data = ReportData.read(dir);

    assertThat(data.perfdash())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.summary()).isEqualTo("NetworkReadyLatency");
              assertThat(f.items().getFirst().data())
                  .containsEntry("Perc50", 4.5)
                  .containsEntry("Count", 2.0);
              assertThat(f.items().getFirst().labels()).containsEntry("Metric", "cni_add");
            });
    assertThat(data.samples())
        .extracting(SampleSet::summary)
        .containsExactly("NetworkReadyLatency", "NetworkReadyLatency-2");
    assertThat(data.samples().get(0).values()).containsExactly(4.0, 5.0);
    assertThat(data.samples().get(1).values()).containsExactly(7.0, 8.0);
    TimeSeries ts = data.timeSeries().getFirst();
    assertThat(ts.summary()).isEqualTo("NetworkReadyThroughput");
    assertThat(ts.total()).containsExactly(1, 3, 0);
    assertThat(TimeSeries.sum(ts.perNode().get("node-b"))).isEqualTo(2);
  }

  @Test
  void aBadFileIsNamedWithItsField() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path bad = dir.resolve("data/X_samples_t_1.json");
    Files.writeString(bad, "{\"sets\":[{\"labels\":{},\"unit\":\"ms\",\"values\":[1,\"x\"]}]}");
    assertThatThrownBy(() -> ReportData.read(dir))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(bad + ": values[1] is not a number: \"x\"");
    Files.writeString(bad, "{not json");
    assertThatThrownBy(() -> ReportData.read(dir))
        .hasMessageStartingWith("cannot read " + bad + ": ");
  }
}
