package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.kubelet.SandboxWatch;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;

/**
 * When the measured pods got their sandboxes, so the machine reference is read on the machine those
 * pods met (docs/design.md, "Machine reference"). A measured pod is a netperf pod that is not a
 * warm-up pod. Told by every node's kubelet stand-in; read by the reference's thread.
 */
final class PodWork implements SandboxWatch {
  /** A measured sandbox returned less than this long ago: pods are being created. */
  static final long BUSY_MILLIS = 2_000;

  /**
   * From the first to the last measured pod's sandbox, epoch milliseconds, both inclusive.
   *
   * @param fromMs the first measured pod's RunPodSandbox return
   * @param toMs the last one's
   */
  record Window(long fromMs, long toMs) {
    boolean holds(long ms) {
      return ms >= fromMs && ms <= toMs;
    }
  }

  private long firstMs = -1;
  private long lastMs = -1;

  @Override
  public synchronized void created(String node, Pod pod, long returnedUs, String sandboxId) {
    if (!measured(pod.getMetadata().getLabels())) {
      return;
    }
    long ms = returnedUs / 1000;
    firstMs = firstMs < 0 ? ms : Math.min(firstMs, ms);
    lastMs = Math.max(lastMs, ms);
  }

  static boolean measured(Map<String, String> labels) {
    return MetricNames.isNetperf(labels) && !labels.containsKey(MetricNames.WARMUP_LABEL);
  }

  /** Whether a measured pod got its sandbox within {@link #BUSY_MILLIS} before {@code nowMs}. */
  synchronized boolean busy(long nowMs) {
    return lastMs >= 0 && nowMs - lastMs < BUSY_MILLIS;
  }

  /** The span of the measured pods' sandboxes so far; none before the first. */
  synchronized Optional<Window> window() {
    return firstMs < 0 ? Optional.empty() : Optional.of(new Window(firstMs, lastMs));
  }
}
