package dev.netmark.engine.report.html;

import dev.netmark.api.Params;
import dev.netmark.api.Percentiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.measurement.ActionRecord;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.step.RunResult;
import dev.netmark.engine.step.StepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A run as a network-ready test leaves it: NetworkReadyLatency with a breached threshold and its
 * samples, NetworkReadyThroughput with its time series, and a crafted summary whose label, note and
 * config carry markup that must come out as text.
 */
final class SampleRun {
  static final Instant STARTED = Instant.parse("2026-03-04T05:06:07Z");
  static final long GATHER_MS = STARTED.toEpochMilli() + 60_000;
  static final String EVIL = "<script>alert('x')</script>";

  private SampleRun() {}

  /** The run, its summaries with their samples and time series. */
  static RunReport run() {
    return run(true);
  }

  /** The run; without {@code data} its summaries carry no samples and no series. */
  static RunReport run(boolean data) {
    Random r = new Random(7);
    Map<String, double[]> samples = new LinkedHashMap<>();
    samples.put("cni_add", draw(r, 400, 30, 12));
    samples.put("probe_same_node", draw(r, 400, 1, 1.5));
    samples.put("probe_service", draw(r, 400, 4, 8));
    samples.put("network_ready", draw(r, 400, 45, 30));
    SummaryData latencyData =
        new SummaryData(
            GATHER_MS,
            samples.entrySet().stream()
                .map(e -> new SampleSet(Map.of("Metric", e.getKey()), "ms", e.getValue()))
                .toList(),
            List.of(),
            List.of());
    Map<String, long[]> perNode = new LinkedHashMap<>();
    perNode.put("node-a", new long[] {0, 5, 10, 14, 12, 9, 1});
    perNode.put("node-b", new long[] {0, 4, 11, 14, 13, 8, 2});
    perNode.put("node-c", new long[] {0, 3, 9, 13, 13, 8, 1});
    SummaryData seriesData =
        new SummaryData(
            GATHER_MS,
            List.of(),
            List.of(
                new TimeSeries(
                    STARTED.toEpochMilli(), 1000, new long[] {0, 12, 30, 41, 38, 25, 4}, perNode)),
            List.of());
    List<DataItem> latency =
        samples.entrySet().stream().map(e -> item(e.getKey(), e.getValue())).toList();
    Summary nrl =
        new Summary(
            "NetworkReadyLatency",
            latency,
            List.of(
                new SloViolation(
                    "network_ready", "Perc99", 150, latency.get(3).data().get("Perc99"), "ms")),
            List.of("source: exact, from 1600 per-pod records", "coverage: 3 of 3 nodes answered"),
            data ? latencyData : SummaryData.NONE);
    Summary nrt =
        new Summary(
            "NetworkReadyThroughput",
            List.of(
                new DataItem(
                    Map.of("Average", 25.5, "Peak", 41.0, "Count", 150.0),
                    "1/s",
                    Map.of("Metric", "throughput")),
                new DataItem(
                    Map.of("Min", 7.5, "Perc50", 8.5, "Max", 9.0, "Count", 3.0),
                    "1/s",
                    Map.of("Metric", "throughput_per_node"))),
            List.of(),
            List.of("rates over first..last NETWORK_READY time"),
            data ? seriesData : SummaryData.NONE);
    Summary evil =
        new Summary(
            "Custom",
            List.of(
                new DataItem(
                    Map.of("Perc50", 1.25), "ms & more", Map.of("Metric", EVIL, "Kind", "a\"b"))),
            List.of(),
            List.of("note with " + EVIL));
    MeasurementSpec start =
        new MeasurementSpec(
            "nrl", "NetworkReadyLatency", Params.of(Map.of("action", "start")), "steps[0]");
    MeasurementSpec gather =
        new MeasurementSpec(
            "nrl",
            "NetworkReadyLatency",
            Params.of(
                Map.of(
                    "action",
                    "gather",
                    "thresholds",
                    Map.of("network_ready", Map.of("Perc99", "150ms")))),
            "steps[2]");
    TestConfig config =
        new TestConfig(
            "network-ready-latency",
            new NamespaceSpec(1, "nm", true),
            List.of(),
            List.of(
                new StepSpec("Start measurements", List.of(), List.of(start), "steps[0]"),
                new StepSpec("Create pods", List.of(), List.of(), "steps[1]"),
                new StepSpec("Gather", List.of(), List.of(gather), "steps[2]")),
            Path.of("nrl.yaml"),
            "name: network-ready-latency\n# " + EVIL + "\n");
    RunResult result =
        new RunResult(
            config.name(),
            STARTED,
            List.of(
                new StepResult("Start measurements", Duration.ofMillis(40), List.of(), List.of()),
                new StepResult("Create pods", Duration.ofMillis(6200), List.of(), List.of()),
                new StepResult(
                    "Gather", Duration.ofMillis(300), List.of(nrl, nrt, evil), List.of())),
            List.of("deleted namespace nm-1"));
    return new RunReport(
        config,
        config.rendered(),
        result,
        List.of(
            new ActionRecord(start, Duration.ofMillis(5), List.of(), null),
            new ActionRecord(gather, Duration.ofMillis(200), List.of(nrl), null)),
        List.of("deleted namespace nm-1"));
  }

  private static double[] draw(Random r, int n, double floor, double tail) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.round((floor - tail * Math.log(1 - r.nextDouble())) * 10) / 10.0;
    }
    return out;
  }

  private static DataItem item(String metric, double[] values) {
    Percentiles p = Percentiles.of(values);
    Map<String, Double> data = new LinkedHashMap<>(p.perfdash());
    data.put("Max", p.max());
    data.put("Count", (double) values.length);
    return new DataItem(data, "ms", Map.of("Metric", metric));
  }
}
