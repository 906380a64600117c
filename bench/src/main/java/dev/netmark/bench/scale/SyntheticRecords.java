package dev.netmark.bench.scale;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.measurements.network.ExactLatencySummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Per-pod records for the percentile part of {@code engine-scale}. */
final class SyntheticRecords {
  private SyntheticRecords() {}

  /**
   * {@code n} pods, each with one NETWORK_READY event carrying every latency key the shim records,
   * random log-normal-ish durations (seeded) so the sort does real work.
   */
  static ExactLatencySummary summary(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PodEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Double> seconds = new LinkedHashMap<>();
      for (String key : ExactLatencySummary.keys()) {
        seconds.put(key, Math.exp(random.nextGaussian() * 0.5 - 3));
      }
      events.add(
          new PodEvent(
              i,
              EventKind.NETWORK_READY,
              "node-" + (i % 100),
              "ns-" + (i % 10),
              "pod-" + i,
              "uid-" + i,
              null,
              1,
              1_700_000_000_000L + i,
              seconds,
              null,
              null));
    }
    return ExactLatencySummary.of(events);
  }
}
