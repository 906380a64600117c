package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's shim killed with kill -9 in the middle of a paced run, as the user did: local
 * mode restarts it with its state, the kubelet re-syncs and retries, and the run passes. A shim
 * that dies on every start fails the run at once, naming the node.
 */
class ShimRestartE2eIT {
  private static final String PREFIX = "nmsr";
  private static final int BASE = 154;
  private static final String NODE = PREFIX + "-node2";

  @Test
  void aKilledShimIsRestartedAndTheRunPasses(@TempDir Path reports) throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    AtomicReference<List<String>> lastRecords = new AtomicReference<>(List.of());
    CompletableFuture<Void> killer =
        background(
            () -> {
              try {
                // Mid-run: once the node's shim has made 2 pods network-ready out of its 10.
                NodeShims shim = awaitReady(2);
                killFirst(shim);
                // Follow the restarted shim's record log until the run ends and it is gone.
                for (int misses = 0; misses < 60; ) {
                  var now = NodeShims.find(NODE).flatMap(s -> records(s));
                  if (now.isPresent() && now.get().size() >= lastRecords.get().size()) {
                    lastRecords.set(now.get());
                    misses = 0;
                  } else {
                    misses++;
                  }
                  Thread.sleep(250);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    CliRun run = pacedRun(reports);
    killer.get(60, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String summary = Files.readString(reports.resolve("summary.txt"));
    assertThat(summary)
        .contains("30 pods matching 'netperf=true' network-ready")
        .containsPattern(
            "note: shim on " + NODE + " restarted 1x at \\d\\d:\\d\\d:\\d\\d, exit signal 9");
    assertThat(Reports.items(reports, "Cluster").get("shim_restarts")).containsEntry("Count", 1.0);
    // The restarted shim carried its record log on: sequence numbers 0..n-1, none missing.
    List<PodEvent> events = lastRecords.get().stream().map(PodEventCodec::fromJson).toList();
    assertThat(events.stream().filter(e -> e.kind() == EventKind.NETWORK_READY).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(events.stream().mapToLong(PodEvent::seq))
        .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
    // Nothing was force-removed at teardown, and nothing is left.
    assertThat(Files.readString(reports.resolve("logs/netmark.log")))
        .contains("shim on " + NODE + " exited (exit signal 9)")
        .doesNotContain("removed what the run left despite teardown");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  @Test
  void aShimThatDiesOnEveryStartFailsTheRunFastNamingTheNode(@TempDir Path reports)
      throws Exception {
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    AtomicReference<Long> firstKill = new AtomicReference<>();
    AtomicBoolean runEnded = new AtomicBoolean();
    CompletableFuture<Void> killer =
        background(
            () -> {
              try {
                killFirst(awaitReady(1));
                firstKill.set(System.nanoTime());
                // Every shim the node starts from now on dies as soon as it is seen.
                while (!runEnded.get()) {
                  var shim = NodeShims.find(NODE);
                  if (shim.isPresent()) {
                    shim.get().kill(); // or it died on its own meanwhile
                  }
                  Thread.sleep(20);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    CliRun run = pacedRun(reports);
    long failedAfter = System.nanoTime() - firstKill.get();
    runEnded.set(true);
    killer.get(10, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    // The bound: the run fails within 30 s of the node going down, teardown included.
    assertThat(Duration.ofNanos(failedAfter)).isLessThan(Duration.ofSeconds(30));
    assertThat(run.out())
        .contains("the shim of " + NODE + " keeps dying: 5 restarts within 60 s")
        .contains("Logs: " + reports.resolve("logs").toAbsolutePath());
    assertThat(Files.readString(reports.resolve("summary.txt")))
        .contains("note: the run was stopped: the shim of " + NODE + " keeps dying");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  private static void killFirst(NodeShims shim) {
    if (!shim.kill()) {
      throw new IllegalStateException("the shim " + shim.pid() + " was gone before the first kill");
    }
  }

  /** The run: 3 nodes, 10 pods each, created at 2 a second (15 s). */
  private static CliRun pacedRun(Path reports) {
    List<String> args =
        new ArrayList<>(
            LocalRuns.sized(PREFIX, BASE, reports.toString(), 3, 10, 2, ThresholdBreach.GENEROUS));
    // A shim that can be killed alone: a JVM of its own, as on a real node.
    args.addAll(List.of("--provider-opt", "shims=processes"));
    return CliRun.run("network-ready-latency.yaml", args);
  }

  /**
   * Runs {@code task} on a thread of its own: on the common pool (2 cores: one thread) its sleeps
   * would hold back every other user of that pool in this JVM, the run under test included.
   */
  private static CompletableFuture<Void> background(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("shim-killer")
        .start(
            () -> {
              try {
                task.run();
                done.complete(null);
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  /** The node's shim once it has made {@code ready} pods network-ready. */
  private static NodeShims awaitReady(int ready) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < end) {
      var shim = NodeShims.find(NODE);
      if (shim.isPresent()) {
        var records = records(shim.get());
        if (records.isPresent()
            && records.get().stream()
                    .filter(l -> l.contains("\"" + EventKind.NETWORK_READY.name() + "\""))
                    .count()
                >= ready) {
          return shim.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no shim of " + NODE + " made " + ready + " pods network-ready");
  }

  private static java.util.Optional<List<String>> records(NodeShims s) {
    try {
      return s.records().map(ArrayList::new);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }
}
