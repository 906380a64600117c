package dev.netmark.bench.density;

import dev.netmark.bench.LocalRunCommand;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.testing.local.host.MarkedProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One {@code netmark run} of configs/network-ready-latency.yaml in local mode, in a JVM of its own
 * (the CLI's path, as a user runs it), watched from outside: every {@link #POLL_MS} this JVM copies
 * what the shims appended to their record logs and reads their CPU time from /proc, until the run
 * exits (its teardown deletes both; the logs stay readable through the channels held open).
 */
final class DensityRun {
  private static final long POLL_MS = 500;
  private static final String SHIM_MAIN = "dev.netmark.shim.ShimMain";

  /**
   * @param events every shim record copied
   * @param shimCpuSeconds user + system CPU of all shims, start-up included
   * @param shimCpuBeforePods the same when the first netperf pod's record was copied (within one
   *     poll of its ADD): start-up and control pods, which the difference leaves out
   * @param shims how many shim processes were seen
   */
  record Outcome(
      List<PodEvent> events, double shimCpuSeconds, double shimCpuBeforePods, int shims) {}

  private final Path root;
  private final Path workDir;

  DensityRun(Path root, Path workDir) {
    this.root = root;
    this.workDir = workDir;
  }

  Outcome run(int nodes, int podsPerNode, int qps) throws IOException, InterruptedException {
    Path report = workDir.resolve("report");
    Path log = workDir.resolve("run.log");
    List<String> cmd = LocalRunCommand.of(root, "configs/network-ready-latency.yaml");
    cmd.addAll(DensityNetwork.runOptions(nodes));
    cmd.addAll(
        List.of(
            "--set",
            "NODES=" + nodes,
            "--set",
            "PODS_PER_NODE=" + podsPerNode,
            "--set",
            "POD_QPS=" + qps,
            // The benchmark reports the tail itself: the config's threshold must not fail the run.
            "--set",
            "READY_P99=10m",
            "--report-dir",
            report.toString()));
    try (RecordCopies records = new RecordCopies()) {
      return watch(cmd, log, records, nodes);
    }
  }

  private Outcome watch(List<String> cmd, Path log, RecordCopies records, int nodes)
      throws IOException, InterruptedException {
    ShimCpu cpu = new ShimCpu(ticksPerSecond());
    Set<Long> shims = new LinkedHashSet<>();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = false;
    double beforePods = -1;
    while (!exited) {
      exited = p.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
      if (shims.size() < nodes) {
        MarkedProcesses.find(DensityNetwork.PREFIX).stream()
            .filter(m -> m.command().contains(SHIM_MAIN))
            .forEach(m -> shims.add(m.pid()));
      }
      shims.forEach(cpu::sample);
      for (int i = 1; i <= nodes; i++) {
        records.read(DensityNetwork.records(i));
      }
      if (beforePods < 0 && records.anyOutside(ProbeTargets.NAMESPACE)) {
        beforePods = cpu.seconds();
      }
    }
    records.finish();
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "netmark run exited " + p.exitValue() + "; its output is in " + log + ":\n" + tail(log));
    }
    // Kept for a closer look: the shims' own copies went with the run's state directory.
    Files.writeString(
        workDir.resolve("records.jsonl"),
        records.events().stream()
            .map(e -> PodEventCodec.toJson(e) + "\n")
            .reduce("", String::concat));
    return new Outcome(records.events(), cpu.seconds(), Math.max(0, beforePods), cpu.shims());
  }

  /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of /proc/PID/stat. */
  private static long ticksPerSecond() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0 || !out.matches("[0-9]+")) {
      throw new IllegalStateException("getconf CLK_TCK failed: " + out);
    }
    return Long.parseLong(out);
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
