package dev.netmark.bench.density;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of {@code probe-density} from a run's shim records (docs/design.md, "What is
 * measured"): per probe class the p50 and p99 of {@code probe_<class>}, and over all classes those
 * of {@code probe_wait} and of the prober's own delay, {@code probe_<class>_read} minus {@code
 * probe_<class>_arrival}. Each pod's first value of a key counts, as in the report.
 */
final class ProbeStats {
  /** p50 and p99 in ms, nearest rank, over {@code n} samples. */
  record Percentiles(double p50, double p99, int n) {
    static Percentiles of(List<Double> values) {
      double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (s.length == 0) {
        return new Percentiles(Double.NaN, Double.NaN, 0);
      }
      return new Percentiles(rank(s, 0.50), rank(s, 0.99), s.length);
    }

    private static double rank(double[] sorted, double q) {
      return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    Map<String, Object> json() {
      return Map.of("p50Ms", p50, "p99Ms", p99, "n", n);
    }
  }

  /**
   * Where the slowest pods' time of one class went, as means over the pods at or above the class's
   * p99 (docs/design.md, "What is measured"): ADD end to probing start ({@code probe_wait}), from
   * there until the attempt that dates the class was due (the unanswered attempts before it), and
   * how late the loop sent it ({@code _late}). The three add up to the class's number.
   *
   * @param firstAttempt how many of them had no unanswered attempt (the path worked at once)
   */
  record Tail(int pods, int firstAttempt, double waitMs, double untilDueMs, double lateMs) {
    Map<String, Object> json() {
      return Map.of(
          "pods", pods,
          "noUnansweredAttempt", firstAttempt,
          "meanProbeWaitMs", waitMs,
          "meanUntilDueMs", untilDueMs,
          "meanLateMs", lateMs);
    }
  }

  private final Map<String, Percentiles> byClass;
  private final Map<String, Tail> tails;
  private final Map<String, Percentiles> afterWait;
  private final Percentiles wait;
  private final Percentiles delay;
  private final int readyPods;

  private ProbeStats(
      Map<String, Percentiles> byClass,
      Map<String, Percentiles> afterWait,
      Percentiles wait,
      Percentiles delay,
      int readyPods,
      Map<String, Tail> tails) {
    this.byClass = byClass;
    this.tails = tails;
    this.afterWait = afterWait;
    this.wait = wait;
    this.delay = delay;
    this.readyPods = readyPods;
  }

  /** The statistics of the pods with a NETWORK_READY record among {@code events}. */
  static ProbeStats of(List<PodEvent> events) {
    Map<String, Map<String, Double>> firstByPod = new LinkedHashMap<>();
    List<String> ready = new ArrayList<>();
    for (PodEvent e : events) {
      Map<String, Double> first = firstByPod.computeIfAbsent(e.uid(), u -> new LinkedHashMap<>());
      e.seconds().forEach(first::putIfAbsent);
      if (e.kind() == EventKind.NETWORK_READY && !ready.contains(e.uid())) {
        ready.add(e.uid());
      }
    }
    Map<String, List<Double>> classes = new LinkedHashMap<>();
    Map<String, List<Double>> classesAfterWait = new LinkedHashMap<>();
    List<Double> waits = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    for (String uid : ready) {
      Map<String, Double> s = firstByPod.get(uid);
      Double w = s.get(MetricNames.PROBE_WAIT);
      if (w != null) {
        waits.add(w * 1000);
      }
      for (String target : MetricNames.PROBE_TARGETS) {
        Double sent = s.get(MetricNames.probeKey(target));
        if (sent != null) {
          classes.computeIfAbsent(target, t -> new ArrayList<>()).add(sent * 1000);
          if (w != null) {
            classesAfterWait.computeIfAbsent(target, t -> new ArrayList<>()).add((sent - w) * 1000);
          }
        }
        Double arrival = s.get(MetricNames.probeArrivalKey(target));
        Double read = s.get(MetricNames.probeReadKey(target));
        if (arrival != null && read != null) {
          delays.add((read - arrival) * 1000);
        }
      }
    }
    Map<String, Percentiles> byClass = new LinkedHashMap<>();
    classes.forEach((target, ms) -> byClass.put(target, Percentiles.of(ms)));
    Map<String, Tail> tails = new LinkedHashMap<>();
    byClass.forEach(
        (target, p) -> {
          List<Map<String, Double>> slow =
              ready.stream()
                  .map(firstByPod::get)
                  .filter(s -> s.containsKey(MetricNames.probeKey(target)))
                  .filter(s -> s.get(MetricNames.probeKey(target)) * 1000 >= p.p99())
                  .toList();
          tails.put(target, tail(target, slow));
        });
    Map<String, Percentiles> afterWait = new LinkedHashMap<>();
    classesAfterWait.forEach((target, ms) -> afterWait.put(target, Percentiles.of(ms)));
    return new ProbeStats(
        byClass, afterWait, Percentiles.of(waits), Percentiles.of(delays), ready.size(), tails);
  }

  private static Tail tail(String target, List<Map<String, Double>> slow) {
    int first = 0;
    double wait = 0;
    double untilDue = 0;
    double late = 0;
    for (Map<String, Double> s : slow) {
      double sent = s.get(MetricNames.probeKey(target));
      double w = s.getOrDefault(MetricNames.PROBE_WAIT, 0.0);
      // Records without attempt details (older shims): all of it counts as until due.
      double l = s.getOrDefault(MetricNames.probeLateKey(target), 0.0);
      if (s.getOrDefault(MetricNames.probeUnansweredKey(target), 0.0) == 0.0) {
        first++;
      }
      wait += w;
      untilDue += sent - w - l;
      late += l;
    }
    double k = slow.isEmpty() ? Double.NaN : 1000.0 / slow.size();
    return new Tail(slow.size(), first, wait * k, untilDue * k, late * k);
  }

  /** Per class, where the time of its slowest pods (at or above its p99) went. */
  Map<String, Tail> tails() {
    return tails;
  }

  /** Pods that became network-ready. */
  int readyPods() {
    return readyPods;
  }

  /** Per class that ran, in the shim's order. */
  Map<String, Percentiles> byClass() {
    return byClass;
  }

  /**
   * Per class, {@code probe_<class>} less the pod's {@code probe_wait}: from probing's start, what
   * the prober itself took (pods with a recorded wait only).
   */
  Map<String, Percentiles> afterWait() {
    return afterWait;
  }

  /** The class with the highest p99 (the slowest tail), or null without any class. */
  String worstClass() {
    return byClass.entrySet().stream()
        .max((a, b) -> Double.compare(a.getValue().p99(), b.getValue().p99()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** The highest p50 of any class. */
  double worstP50() {
    return byClass.values().stream().mapToDouble(Percentiles::p50).max().orElse(Double.NaN);
  }

  Percentiles probeWait() {
    return wait;
  }

  /** {@code _read} minus {@code _arrival} over every class of every pod. */
  Percentiles proberDelay() {
    return delay;
  }
}
