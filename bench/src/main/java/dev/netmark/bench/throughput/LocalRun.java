package dev.netmark.bench.throughput;

import dev.netmark.bench.LocalRunCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code netmark run} of configs/network-ready-latency.yaml in local mode on the benchmark's
 * network, in a JVM of its own (the CLI's path, exactly as a user runs it), pods created at a given
 * rate, read back from its report: NetworkReadyThroughput's Sustained, pods over first create
 * request to last ready pod, with its Average and Peak (docs/design.md, "Throughput").
 */
final class LocalRun {
  private final Path root;
  private final Path workDir;

  /**
   * @param root the source tree (configs/)
   * @param workDir report directories and logs go under it
   */
  LocalRun(Path root, Path workDir) {
    this.root = root;
    this.workDir = workDir;
  }

  /**
   * @param sustained pods over first create request..last ready pod, per second
   * @param average pods over the whole seconds from the first to the last with a ready pod
   * @param peak the most pods network-ready in one wall-clock second
   */
  record Rates(double sustained, double average, double peak) {}

  /**
   * @param podQps pods created per second (the config's {@code qpsLoad})
   * @param warmupPerNode pods per node made network-ready before the measured ones (the config's
   *     {@code WARMUP_PODS_PER_NODE}), left out of the rates
   */
  Rates rate(int podsPerNode, int podQps, int warmupPerNode, String name)
      throws InterruptedException, IOException {
    Path report = workDir.resolve("throughput-local-" + name);
    Path log = workDir.resolve("throughput-local-" + name + ".log");
    List<String> cmd = LocalRunCommand.of(root, "configs/network-ready-latency.yaml");
    cmd.addAll(ThroughputNetwork.runOptions());
    cmd.addAll(
        List.of(
            "--set",
            "NODES=" + ThroughputNetwork.NODES,
            "--set",
            "PODS_PER_NODE=" + podsPerNode,
            "--set",
            "POD_QPS=" + podQps,
            "--set",
            "WARMUP_PODS_PER_NODE=" + warmupPerNode,
            // A capacity run: the config's latency threshold must not fail it.
            "--set",
            "READY_P99=10m"));
    cmd.addAll(LocalRunCommand.reportDir(report));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          "netmark run exited " + code + "; its output is in " + log + ":\n" + tail(log));
    }
    return throughput(report, podsPerNode * ThroughputNetwork.NODES);
  }

  private static Rates throughput(Path report, int pods) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(report)) {
      file =
          files
              .filter(f -> f.getFileName().toString().startsWith("NetworkReadyThroughput_"))
              .filter(f -> !f.getFileName().toString().contains("timeseries"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no NetworkReadyThroughput in " + report));
    }
    Map<?, ?> json = JsonMapper.builder().build().readValue(Files.readString(file), Map.class);
    for (Object item : (List<?>) json.get("dataItems")) {
      Map<?, ?> m = (Map<?, ?>) item;
      if ("throughput".equals(((Map<?, ?>) m.get("labels")).get("Metric"))) {
        Map<?, ?> data = (Map<?, ?>) m.get("data");
        double count = ((Number) data.get("Count")).doubleValue();
        if (count != pods) {
          throw new IllegalStateException(file + ": " + count + " pods network-ready, not " + pods);
        }
        if (!(data.get("Sustained") instanceof Number sustained)) {
          throw new IllegalStateException(file + " has no Sustained rate");
        }
        return new Rates(
            sustained.doubleValue(),
            ((Number) data.get("Average")).doubleValue(),
            ((Number) data.get("Peak")).doubleValue());
      }
    }
    throw new IllegalStateException(file + " has no throughput item");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
