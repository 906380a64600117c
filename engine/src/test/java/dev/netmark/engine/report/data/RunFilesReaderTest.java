package dev.netmark.engine.report.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.DataFile;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary;
import dev.netmark.api.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesReaderTest {
  @TempDir Path dir;

  @Test
  void readsSummariesSamplesAndSeriesWithRepeatedSummariesNumbered() throws Exception {
    Files.writeString(
        dir.resolve("NetworkReadyLatency_t_2026-01-01T00:00:00Z.json"),
        """
        {"version":"v1","dataItems":[{"data":{"Perc50":4.5,"Count":2},"unit":"ms",
         "labels":{"Metric":"cni_add"}}]}""");
    Files.writeString(dir.resolve("junit.xml"), "<testsuites><testsuite name=\"t\"/></testsuites>");
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

    List<Summary> read = RunFilesReader.read(dir);

    // The perfdash summary first, then the keys that have data files only, in gather order.
    assertThat(read)
        .extracting(Summary::name)
        .containsExactly(
            "NetworkReadyLatency",
            "NetworkReadyThroughput",
            "TrafficModel",
            "NetworkReadyLatency-2");
    Summary latency = read.getFirst();
    assertThat(latency.dataItems().getFirst().data())
        .containsEntry("Perc50", 4.5)
        .containsEntry("Count", 2.0);
    assertThat(latency.dataItems().getFirst().labels()).containsEntry("Metric", "cni_add");
    assertThat(latency.data().gatherMs()).isEqualTo(1000);
    assertThat(latency.data().samples().getFirst().values()).containsExactly(4.0, 5.0);
    assertThat(read.get(3).data().samples().getFirst().values()).containsExactly(7.0, 8.0);
    TimeSeries ts = read.get(1).data().series().getFirst();
    assertThat(ts.total()).containsExactly(1, 3, 0);
    assertThat(TimeSeries.sum(ts.perNode().get("node-b"))).isEqualTo(2);
    assertThat(read.get(2).data().files()).extracting(DataFile::kind).containsExactly("pods");
  }

  @Test
  void aJunitXmlWithoutTestsuiteIsNamed() throws Exception {
    Files.writeString(dir.resolve("junit.xml"), "<testsuites/>");
    assertThatThrownBy(() -> RunFilesReader.read(dir))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(dir.resolve("junit.xml") + ": no testsuite element");
  }

  @Test
  void aBadFileIsNamedWithItsField() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path bad = dir.resolve("data/X_samples_t_1.json");
    Files.writeString(bad, "{\"sets\":[{\"labels\":{},\"unit\":\"ms\",\"values\":[1,\"x\"]}]}");
    assertThatThrownBy(() -> RunFilesReader.read(dir))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(bad + ": values[1] is not a number: \"x\"");
    Files.writeString(bad, "{not json");
    assertThatThrownBy(() -> RunFilesReader.read(dir))
        .hasMessageStartingWith("cannot read " + bad + ": ");
  }
}
