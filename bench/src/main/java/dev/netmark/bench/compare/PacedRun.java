package dev.netmark.bench.compare;

import dev.netmark.bench.LocalRunCommand;
import dev.netmark.testing.local.delay.DelayCni;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One paced {@code netmark run} of configs/network-ready-latency.yaml in local mode on this
 * benchmark's own network, in a JVM of its own as a user runs it, with {@code netmark-delay} as the
 * CNI network, so that runs with and without the injected delay differ in nothing else. Unlike the
 * other benchmarks' runs it keeps the raw baseline, and with it the machine reference
 * (docs/design.md, "Machine reference").
 *
 * <p>{@code BENCH_RUN_PREFIX}, when set, is put before each run's command (split on spaces), e.g.
 * {@code flock /tmp/lock} on a machine whose local-mode runs must take turns.
 */
final class PacedRun {
  static final String PREFIX = "ncw";
  static final int BASE = 150;
  static final String READY_P99 = "120s";

  private final Path root;
  private final Path work;
  private final int nodes;
  private final int podsPerNode;
  private final int podQps;
  private final int warmupPodsPerNode;

  /**
   * @param warmupPodsPerNode pods per node made network-ready before the measurements start and
   *     left out of them (the config's {@code WARMUP_PODS_PER_NODE}); 0 for none
   */
  PacedRun(Path root, Path work, int nodes, int podsPerNode, int podQps, int warmupPodsPerNode) {
    this.root = root;
    this.work = work;
    this.nodes = nodes;
    this.podsPerNode = podsPerNode;
    this.podQps = podQps;
    this.warmupPodsPerNode = warmupPodsPerNode;
  }

  /** Runs once on {@code cni}; returns the report directory. */
  Path run(String name, DelayCni cni) throws IOException, InterruptedException {
    Path report = work.resolve(name);
    Path log = work.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    String prefix = System.getenv().getOrDefault("BENCH_RUN_PREFIX", "").trim();
    if (!prefix.isEmpty()) {
      cmd.addAll(List.of(prefix.split("\\s+")));
    }
    cmd.addAll(LocalRunCommand.of(root, "configs/network-ready-latency.yaml"));
    // The raw baseline's call also ends the machine reference, which compare judges by.
    cmd.remove("--no-raw-baseline");
    cmd.addAll(LocalRunCommand.reportDir(report));
    for (String opt :
        List.of(
            "nodes=" + nodes,
            "prefix=" + PREFIX,
            "cluster-cidr=10." + BASE + ".0.0/16",
            "link-cidr=10." + (BASE + 1) + ".0.0/16",
            "service-cidr=10." + (BASE + 2) + ".0.0/16",
            "external-cidr=10." + (BASE + 3) + ".0.0/24")) {
      cmd.addAll(List.of("--provider-opt", opt));
    }
    for (String set :
        // READY_P99: the config's 5 s threshold is not what this benchmark judges; on a busy
        // machine a run breached it (exit 1) and stopped the benchmark.
        List.of(
            "NODES=" + nodes,
            "PODS_PER_NODE=" + podsPerNode,
            "POD_QPS=" + podQps,
            "READY_P99=" + READY_P99,
            "WARMUP_PODS_PER_NODE=" + warmupPodsPerNode)) {
      cmd.addAll(List.of("--set", set));
    }
    cmd.addAll(cni.runOptions());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    if (code != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException(
          "netmark run exited "
              + code
              + "; its output is in "
              + log
              + ":\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
    }
    return report;
  }
}
