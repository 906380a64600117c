package dev.netmark.bench.density;

import dev.netmark.bench.LocalRunCommand;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.testing.local.host.MarkedProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One {@code netmark run} of a config in local mode, in a JVM of its own (the CLI's path, as a user
 * runs it), watched from outside: every {@link #POLL_MS} this JVM copies what the shims appended to
 * their record logs and reads their CPU time from /proc, until the run exits (its teardown deletes
 * both; the logs stay readable through the channels held open).
 */
public final class DensityRun {
  private static final long POLL_MS = 500;
  private static final String SHIM_MAIN = "dev.netmark.shim.ShimMain";

  /**
   * @param events every shim record copied
   * @param polls the shims' CPU after each poll, with how many records had been copied by then
   * @param shims how many shim processes were seen
   */
  public record Outcome(List<PodEvent> events, List<Poll> polls, int shims) {
    /** User + system CPU of all shims over the whole run, start-up included. */
    public double shimCpuSeconds() {
      return polls.isEmpty() ? 0 : polls.getLast().shimCpuSeconds();
    }

    /**
     * The shims' CPU at the poll that copied the first record matching {@code which} (within one
     * poll of its writing), or 0 when none matched.
     */
    public double cpuWhenFirst(Predicate<PodEvent> which) {
      for (int i = 0; i < events.size(); i++) {
        if (which.test(events.get(i))) {
          return cpuWhenCopied(i);
        }
      }
      return 0;
    }

    /** The shims' CPU at the poll that copied the last record matching {@code which}. */
    public double cpuWhenLast(Predicate<PodEvent> which) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (which.test(events.get(i))) {
          return cpuWhenCopied(i);
        }
      }
      return 0;
    }

    private double cpuWhenCopied(int index) {
      return polls.stream()
          .filter(p -> p.events() > index)
          .findFirst()
          .map(Poll::shimCpuSeconds)
          .orElse(shimCpuSeconds());
    }
  }

  /** The shims' CPU seconds after a poll, and the records copied by then. */
  public record Poll(double shimCpuSeconds, int events) {}

  private final Path root;
  private final Path workDir;
  private final DensityNetwork network;

  public DensityRun(Path root, Path workDir, DensityNetwork network) {
    this.root = root;
    this.workDir = workDir;
    this.network = network;
  }

  /**
   * Runs {@code config} (relative to the source tree) on {@code nodes} nodes with {@code options}
   * ({@code --set K=V} ...), its report under {@code WORK_DIR/report}; {@code afterPoll} sees the
   * records copied so far after every poll.
   */
  public Outcome run(
      String config, List<String> options, int nodes, Consumer<List<PodEvent>> afterPoll)
      throws IOException, InterruptedException {
    List<String> cmd = LocalRunCommand.of(root, config);
    cmd.addAll(network.runOptions(nodes));
    cmd.addAll(options);
    cmd.addAll(LocalRunCommand.reportDir(report()));
    try (RecordCopies records = new RecordCopies()) {
      return watch(cmd, workDir.resolve("run.log"), records, nodes, afterPoll);
    }
  }

  /** configs/network-ready-latency.yaml with {@code nodes x podsPerNode} pods at {@code qps}. */
  Outcome networkReady(int nodes, int podsPerNode, int qps)
      throws IOException, InterruptedException {
    return run(
        "configs/network-ready-latency.yaml",
        List.of(
            "--set",
            "NODES=" + nodes,
            "--set",
            "PODS_PER_NODE=" + podsPerNode,
            "--set",
            "POD_QPS=" + qps,
            // The benchmark reports the tail itself: the config's threshold must not fail the run.
            "--set",
            "READY_P99=10m"),
        nodes,
        copied -> {});
  }

  /** Where the run writes its report. */
  public Path report() {
    return workDir.resolve("report");
  }

  private Outcome watch(
      List<String> cmd,
      Path log,
      RecordCopies records,
      int nodes,
      Consumer<List<PodEvent>> afterPoll)
      throws IOException, InterruptedException {
    ShimCpu cpu = new ShimCpu(ticksPerSecond());
    Set<Long> shims = new LinkedHashSet<>();
    List<Poll> polls = new ArrayList<>();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = false;
    while (!exited) {
      exited = p.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
      if (shims.size() < nodes) {
        MarkedProcesses.find(network.prefix()).stream()
            .filter(m -> m.command().contains(SHIM_MAIN))
            .forEach(m -> shims.add(m.pid()));
      }
      shims.forEach(cpu::sample);
      for (int i = 1; i <= nodes; i++) {
        records.read(network.records(i));
      }
      List<PodEvent> copied = records.events();
      polls.add(new Poll(cpu.seconds(), copied.size()));
      afterPoll.accept(copied);
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
    polls.add(new Poll(cpu.seconds(), records.events().size()));
    return new Outcome(records.events(), polls, cpu.shims());
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
