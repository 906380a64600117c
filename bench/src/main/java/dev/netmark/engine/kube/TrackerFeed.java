package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.InstantSource;
import java.util.function.IntFunction;

/**
 * Feeds a {@link PodTracker} pods the way its watch does ({@code observe} per ADDED/MODIFIED
 * event), without an API server: in this package because {@code observe} is the watch's private
 * entry. The local API server creates about 100 pods/s at 100,000 pods, too slow to fill a tracker.
 */
public final class TrackerFeed {
  private TrackerFeed() {}

  /**
   * A tracker that has seen {@code n} pods; each pod is built, observed and dropped, so only what
   * the tracker keeps stays on the heap.
   */
  public static PodTracker tracking(int n, IntFunction<Pod> pod) {
    PodTracker tracker = new PodTracker(InstantSource.system(), (before, after) -> {});
    for (int i = 0; i < n; i++) {
      tracker.observe(pod.apply(i));
    }
    return tracker;
  }
}
