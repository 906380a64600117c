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
 * pods, with the pings that gave no number counted by reason; and the raw side's floor, each
 * sampled pod's RunPodSandbox return to its first raw echo, as {@code probe_wait} beside netmark's
 * {@code probe_wait} of the same pods.
 */
final class ConcurrentBaselines {
  private ConcurrentBaselines() {}

  /**
   * @param shots each class's pings, as {@link RawProbes#shots}
   * @param sampled how many pods were sampled
   * @param netmark netmark's {@code probe_<class>} in ms by pod UID and class, of the sampled pods,
   *     and their {@code probe_wait} under that name
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
        (cls, list) ->
            out.add(
                new Baseline(
                    MetricNames.probeKey(cls),
                    "ms",
                    list.stream().map(Shot::millis).filter(m -> !Double.isNaN(m)).toList(),
                    how(list, sampled),
                    Baseline.RAW_CONCURRENT,
                    ours(netmark, cls))));
    out.add(floor(shots, netmark));
    return out;
  }

  /** Netmark's number {@code key} of every sampled pod that has one. */
  private static List<Double> ours(Map<String, Map<String, Double>> netmark, String key) {
    return netmark.values().stream().map(pod -> pod.get(key)).filter(Objects::nonNull).toList();
  }

  /**
   * The raw side's floor as {@code probe_wait}: per sampled pod, RunPodSandbox's return to the
   * first echo it sent (its classes are handed over together), beside netmark's {@code probe_wait}.
   */
  private static Baseline floor(
      Map<String, List<Shot>> shots, Map<String, Map<String, Double>> netmark) {
    Map<String, Double> firstByPod = new TreeMap<>();
    shots.values().stream()
        .flatMap(List::stream)
        .filter(x -> !Double.isNaN(x.startMillis()))
        .forEach(x -> firstByPod.merge(x.uid(), x.startMillis(), Math::min));
    return new Baseline(
        MetricNames.PROBE_WAIT,
        "ms",
        List.copyOf(firstByPod.values()),
        "the raw side's floor: RunPodSandbox's return to the sampled pod's first raw echo (the"
            + " hand-over to the resident pinger, entering the pod's namespace, opening its socket"
            + " and the send), beside netmark's probe_wait of the same pods (the ADD's end to their"
            + " first attempts)",
        Baseline.RAW_CONCURRENT,
        ours(netmark, MetricNames.PROBE_WAIT));
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
    double handed = median(list.stream().mapToDouble(Shot::handMillis));
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
                    + " netmark probes them, from local mode's resident raw pinger (a raw ICMP"
                    + " socket in the pod's namespace, no process started): that return to the"
                    + " send time of the first answered echo",
                sampled,
                kind));
    if (!Double.isNaN(starts)) {
      b.append(
          String.format(
              Locale.ROOT,
              "; the first echo went out %.3f ms after the return at the median, the floor of this"
                  + " number, of which %.3f ms passed before the hand-over to the pinger (on the"
                  + " kubelet stand-in's thread)",
              starts,
              handed));
      long atFloor = list.stream().filter(x -> x.millis() == x.startMillis()).count();
      b.append(
          String.format(
              Locale.ROOT,
              "; %d of %d answered on the first echo (the path was up before the raw side could"
                  + " tell)",
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
