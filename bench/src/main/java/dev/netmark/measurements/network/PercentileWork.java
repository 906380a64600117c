package dev.netmark.measurements.network;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The percentile part of {@code NetworkReadyLatency}'s exact summary over many per-pod records, in
 * this package because those steps are package-private: per-pod samples of every recorded key,
 * milliseconds, then nearest-rank Perc50/90/99, Max and Count per key.
 */
public final class PercentileWork {
  private final List<PodRecord> pods;

  private PercentileWork(List<PodRecord> pods) {
    this.pods = pods;
  }

  /**
   * {@code n} pods, each with one NETWORK_READY event carrying every latency key the shim records,
   * random log-normal-ish durations (seeded) so the sort does real work.
   */
  public static PercentileWork of(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PodRecord> pods = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Double> seconds = new LinkedHashMap<>();
      for (String key : LatencyMetrics.RECORDED) {
        seconds.put(key, Math.exp(random.nextGaussian() * 0.5 - 3));
      }
      String uid = "uid-" + i;
      PodRecord p = new PodRecord(uid);
      p.apply(
          new PodEvent(
              i,
              EventKind.NETWORK_READY,
              "node-" + (i % 100),
              "ns-" + (i % 10),
              "pod-" + i,
              uid,
              null,
              1,
              1_700_000_000_000L + i,
              seconds,
              null,
              null));
      pods.add(p);
    }
    return new PercentileWork(pods);
  }

  /** The records' keys, e.g. {@code cni_add}, {@code network_ready}. */
  public static List<String> keys() {
    return LatencyMetrics.RECORDED;
  }

  /** One summary's worth of work; the items are returned so none of it is optimised away. */
  public List<DataItem> compute() {
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    LatencyMetrics.samples(pods)
        .forEach(
            (key, timed) -> millis.put(key, timed.stream().map(PodRecord.Timed::millis).toList()));
    return LatencyMetrics.items(millis, Map.of());
  }
}
