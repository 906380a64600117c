package dev.netmark.testing.local;

import dev.netmark.api.Baseline;
import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.RawProbes.Shot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/**
 * The concurrent raw pings as baselines (docs/design.md, "Raw baseline"): per probe class the
 * answered pings ({@code Side=raw-concurrent}) beside netmark's {@code probe_<class>} of the same
 * pods, with the pings that gave no number counted by reason.
 */
final class ConcurrentBaselines {
  private ConcurrentBaselines() {}

  /**
   * @param shots each class's pings, as {@link RawProbes#shots}
   * @param sampled how many pods were sampled
   * @param netmark netmark's {@code probe_<class>} in ms by pod UID and class, of the sampled pods
   */
  static List<Baseline> of(
      Map<String, List<Shot>> shots, int sampled, Map<String, Map<String, Double>> netmark) {
    if (shots.isEmpty()) {
      return List.of(
          new Baseline(
              MetricNames.probeKey("same_node"),
              "ms",
              List.of(),
              "no netperf pod got a sandbox during the test",
              Baseline.RAW_CONCURRENT,
              List.of()));
    }
    List<Baseline> out = new ArrayList<>();
    shots.forEach(
        (cls, list) -> {
          List<Double> ours = new ArrayList<>();
          for (Map<String, Double> pod : netmark.values()) {
            Double ms = pod.get(cls);
            if (ms != null) {
              ours.add(ms);
            }
          }
          out.add(
              new Baseline(
                  MetricNames.probeKey(cls),
                  "ms",
                  list.stream().map(Shot::millis).filter(m -> !Double.isNaN(m)).toList(),
                  how(list, sampled),
                  Baseline.RAW_CONCURRENT,
                  ours));
        });
    return out;
  }

  private static String how(List<Shot> list, int sampled) {
    String kind =
        list.stream()
            .map(Shot::target)
            .filter(t -> t != null && t.kind() != null)
            .map(RawPingTarget::kind)
            .findFirst()
            .orElse("the class's target");
    double starts = median(list.stream().mapToDouble(Shot::startMillis));
    double lookups = median(list.stream().mapToDouble(Shot::netnsMillis));
    Map<String, Integer> reasons = new TreeMap<>();
    list.stream()
        .map(Shot::note)
        .filter(Objects::nonNull)
        .forEach(n -> reasons.merge(n, 1, Integer::sum));
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d of the test's pods (the first to get a sandbox, spread over the nodes) ping %s"
                    + " from their own namespace every 10 ms from RunPodSandbox's return, while"
                    + " netmark probes them: that return to the send time of the first answered"
                    + " echo",
                sampled,
                kind));
    if (!Double.isNaN(starts)) {
      b.append(
          String.format(
              Locale.ROOT,
              "; starting ping took %.3f ms at the median (the return to its first echo), the floor"
                  + " of this number, of which finding the pod's namespace (the shim's verbose"
                  + " status) took %.3f ms",
              starts,
              lookups));
      long atFloor = list.stream().filter(x -> x.millis() == x.startMillis()).count();
      b.append(
          String.format(
              Locale.ROOT,
              "; %d of %d answered on ping's first echo (the path was up before ping could tell)",
              atFloor,
              list.size()));
    }
    reasons.forEach(
        (why, n) -> b.append(String.format(Locale.ROOT, "; %d of %d: %s", n, list.size(), why)));
    return b.toString();
  }

  /** The lower median of the numbers that are not NaN, or NaN when there is none. */
  private static double median(DoubleStream values) {
    double[] v = values.filter(m -> !Double.isNaN(m)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
  }
}
