package dev.netmark.bench.scale;

import dev.netmark.bench.BenchResult;
import dev.netmark.engine.kube.PodTracker;
import dev.netmark.measurements.network.ExactLatencySummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engine-scale}: the heap a {@link PodTracker} keeps per pod with 100,000 pods tracked, and
 * the time NetworkReadyLatency's exact percentiles take over 1,000,000 per-pod records. Headline:
 * bytes per tracked pod, median over repetitions.
 */
public final class EngineScale {
  private static final int WARMUP = 1;

  private EngineScale() {}

  public static void main(String[] args) throws InterruptedException {
    // Made first: it takes the load average before the work.
    BenchResult result = new BenchResult("engine-scale", "hack/bench.sh engine-scale");
    boolean smoke = BenchResult.smoke();
    int pods = smoke ? 2_000 : 100_000;
    int records = smoke ? 10_000 : 1_000_000;
    int reps = smoke ? 1 : 3;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    double[] bytesPerPod = new double[reps];
    for (int r = 0; r < reps; r++) {
      long base = usedAfterGc(memory);
      PodTracker tracker = PodTracker.detached(InstantSource.system());
      for (int i = 0; i < pods; i++) {
        // Each pod is built, observed and dropped: only what the tracker keeps stays on the heap.
        tracker.observe(SyntheticPods.running(i));
      }
      long used = usedAfterGc(memory);
      if (tracker.size() != pods) {
        throw new IllegalStateException("tracker holds " + tracker.size() + " of " + pods);
      }
      bytesPerPod[r] = (used - base) / (double) pods;
      System.err.printf("engine-scale: %d pods tracked, %.0f bytes/pod%n", pods, bytesPerPod[r]);
      tracker.close();
    }
    ExactLatencySummary work = SyntheticRecords.summary(records, 7);
    List<Double> millis = new ArrayList<>();
    List<Double> cpuMillis = new ArrayList<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < WARMUP + reps; r++) {
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      int items = work.items().size();
      double ms = (System.nanoTime() - t0) / 1e6;
      // On a shared machine wall time mostly says how busy it was; this thread's CPU time does not
      // (GC threads' work is left out of it).
      double cpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      if (items != ExactLatencySummary.keys().size()) {
        throw new IllegalStateException(
            items + " summaries for keys " + ExactLatencySummary.keys());
      }
      if (r >= WARMUP) {
        millis.add(ms);
        cpuMillis.add(cpuMs);
      }
      System.err.printf(
          "engine-scale: percentiles over %d records: %.1f ms (%.1f ms CPU)%n", records, ms, cpuMs);
    }
    double[] sortedMs = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    result
        .headline(
            "heap kept per tracked pod by PodTracker, " + pods + " pods", "bytes", bytesPerPod)
        .detail(
            "trackerSource",
            "synthetic running netperf pods (10 namespaces, 50 nodes, fresh UIDs) fed to the"
                + " tracker's watch entry (observe) one at a time, each dropped after; heap used"
                + " after System.gc() before and after, divided by the pod count")
        .detail("trackedPods", pods)
        .detail("percentileRecords", records)
        .detail("percentileKeys", ExactLatencySummary.keys())
        .detail(
            "percentileWork",
            "NetworkReadyLatency's exact summary: per-key samples from the records, ms, sort,"
                + " nearest-rank Perc50/90/99, Max, Count; after "
                + WARMUP
                + " warm-up runs")
        .detail("percentileMillis", millis)
        .detail("percentileMedianMillis", BenchResult.median(sortedMs))
        .detail("percentileSpreadMillis", List.of(sortedMs[0], sortedMs[sortedMs.length - 1]))
        .detail("percentileCpuMillis", cpuMillis)
        .finish();
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
