package dev.netmark.engine.compare;

import dev.netmark.api.Percentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/** Report directories as a netmark run leaves them: perfdash JSON plus data/ samples files. */
final class ReportDirs {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ReportDirs() {}

  /**
   * Latency-like samples: a floor of {@code floorMs} plus an exponential tail of mean {@code
   * tailMs}, all scaled by {@code scale}, from a seeded generator.
   */
  static double[] latencies(long seed, int n, double floorMs, double tailMs, double scale) {
    Random r = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (floorMs - tailMs * Math.log(1 - r.nextDouble())) * scale;
    }
    return out;
  }

  /** Writes a NetworkReadyLatency summary of these metrics, with or without their samples. */
  static Path write(Path dir, Map<String, double[]> samplesByMetric, boolean withSamples)
      throws IOException {
    Files.createDirectories(dir.resolve("data"));
    List<Object> items =
        samplesByMetric.entrySet().stream()
            .map(e -> (Object) item(e.getKey(), e.getValue()))
            .toList();
    Files.writeString(
        dir.resolve("NetworkReadyLatency_nrl_2026-01-01T00:00:00Z.json"),
        JSON.writeValueAsString(Map.of("version", "v1", "dataItems", items)));
    if (withSamples) {
      List<Object> sets =
          samplesByMetric.entrySet().stream()
              .map(
                  e ->
                      (Object)
                          Map.of(
                              "labels", Map.of("Metric", e.getKey()),
                              "unit", "ms",
                              "values", e.getValue()))
              .toList();
      Files.writeString(
          dir.resolve("data/NetworkReadyLatency_samples_nrl_1767225600000.json"),
          JSON.writeValueAsString(Map.of("summary", "NetworkReadyLatency", "sets", sets)));
    }
    return dir;
  }

  /** A perfdash item in {@code unit} with only these statistics, no samples. */
  static void writeItem(
      Path dir, String summary, String metric, String unit, Map<String, Double> data)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> item =
        Map.of("data", data, "unit", unit, "labels", Map.of("Metric", metric));
    Files.writeString(
        dir.resolve(summary + "_nrl_2026-01-01T00:00:00Z.json"),
        JSON.writeValueAsString(Map.of("version", "v1", "dataItems", List.of(item))));
  }

  private static Map<String, Object> item(String metric, double[] values) {
    Percentiles p = Percentiles.of(values);
    Map<String, Double> data = new LinkedHashMap<>(p.perfdash());
    data.put("Max", p.max());
    data.put("Count", (double) values.length);
    return Map.of("data", data, "unit", "ms", "labels", Map.of("Metric", metric));
  }

  /** Writes {@code rendered-config.yaml} into {@code dir}. */
  static void config(Path dir, String yaml) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("rendered-config.yaml"), yaml);
  }

  /**
   * A NetworkReadyThroughput summary with its per-second series, as the measurement writes them:
   * {@code perSecond} pods in consecutive seconds after {@code idle} empty ones.
   */
  static void throughput(Path dir, int idle, long... perSecond) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    long[] total = new long[idle + perSecond.length + 2];
    System.arraycopy(perSecond, 0, total, idle, perSecond.length);
    long n = Arrays.stream(perSecond).sum();
    long peak = Arrays.stream(perSecond).max().orElse(0);
    writeItem(
        dir,
        "NetworkReadyThroughput",
        "throughput",
        "1/s",
        Map.of(
            "Average", (double) n / perSecond.length, "Peak", (double) peak, "Count", (double) n));
    Files.writeString(
        dir.resolve("data/NetworkReadyThroughput_timeseries_nrl_1767225600000.json"),
        JSON.writeValueAsString(
            Map.of(
                "originMs",
                1767225600000L,
                "intervalMs",
                1000,
                "total",
                total,
                "perNode",
                Map.of())));
  }

  static double[] shifted(double[] values, double factor) {
    return Arrays.stream(values).map(v -> v * factor).toArray();
  }
}
