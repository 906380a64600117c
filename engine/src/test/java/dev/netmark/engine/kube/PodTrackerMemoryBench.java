package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Heap retained per pod by {@link PodTracker}: tracks 100,000 synthetic running pods (10
 * namespaces, 50 nodes) and divides the heap growth after GC by the count. Not a test; run with
 * {@code java -cp ... dev.netmark.engine.kube.PodTrackerMemoryBench [pods]}.
 */
public final class PodTrackerMemoryBench {
  private PodTrackerMemoryBench() {}

  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    PodTracker tracker = new PodTracker(InstantSource.system(), (before, after) -> {});
    long base = usedAfterGc(memory);
    for (int i = 0; i < n; i++) {
      // Built one at a time and dropped: only what the tracker keeps stays on the heap.
      tracker.observe(pod(i));
    }
    long used = usedAfterGc(memory);
    System.out.printf(
        "PodTracker: %d pods, heap +%.1f MiB, %.0f bytes per pod%n",
        tracker.size(), (used - base) / 1048576.0, (used - base) / (double) n);
  }

  private static Pod pod(int i) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("netmark-20250301-101500-ab12-" + (i % 10))
        .withName("netperf-pod-" + i)
        .withUid(UUID.randomUUID().toString())
        .withCreationTimestamp("2025-03-01T10:15:00Z")
        .endMetadata()
        .withNewSpec()
        .withNodeName("hollow-node-" + (i % 50))
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime("2025-03-01T10:15:01Z")
        .endCondition()
        .addNewContainerStatus()
        .withNewState()
        .withNewRunning("2025-03-01T10:15:02Z")
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
