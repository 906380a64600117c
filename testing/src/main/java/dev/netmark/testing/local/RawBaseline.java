package dev.netmark.testing.local;

import dev.netmark.api.Baseline;
import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.NodePlan;
import dev.netmark.testing.local.fabric.RawCniAdds;
import dev.netmark.testing.local.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Local mode's raw baseline (docs/design.md, "Raw baseline"): after the test, {@link #PODS} pods on
 * one idle node get the node's CNI chain from a plain script, one at a time ({@link RawCniAdds}),
 * and each pings the node's control pod right after its ADD. Their ADD times stand beside {@code
 * cni_add}, their pings beside {@code probe_same_node}.
 */
final class RawBaseline {
  static final int PODS = 5;

  private RawBaseline() {}

  /**
   * Measures on the first node that has a control pod (the ping target of {@code probe_same_node}),
   * else on the first node without pings. Fails soft: a failed ADD comes back as empty baselines
   * with the script's error.
   */
  static List<Baseline> measure(Fabric fabric, Map<String, String> controlPodIps)
      throws InterruptedException {
    NodePlan node =
        fabric.nodes().stream()
            .filter(n -> controlPodIps.containsKey(n.name()))
            .findFirst()
            .orElse(fabric.nodes().getFirst());
    String target = controlPodIps.get(node.name());
    String pingName = MetricNames.probeKey("same_node");
    List<RawCniAdds.Add> adds;
    try (RawCniAdds raw = fabric.rawAdds(node.name(), "b", PODS)) {
      adds = raw.run(1, target);
    } catch (HostException e) {
      return List.of(
          new Baseline(MetricNames.CNI_ADD, "ms", List.of(), e.getMessage()),
          new Baseline(pingName, "ms", List.of(), "no raw ADD: " + e.getMessage()));
    }
    return List.of(
        new Baseline(
            MetricNames.CNI_ADD,
            "ms",
            adds.stream().map(RawCniAdds.Add::addMillis).toList(),
            PODS
                + " pods on "
                + node.name()
                + " after the test, one at a time: the node's chain run by a plain script in the"
                + " node's namespace (no shim), timed by the script"),
        ping(adds, target, pingName));
  }

  static Baseline ping(List<RawCniAdds.Add> adds, String target, String metric) {
    if (target == null) {
      return new Baseline(metric, "ms", List.of(), "no node has a control pod to ping");
    }
    List<Double> answered = new ArrayList<>();
    adds.stream().map(RawCniAdds.Add::pingMillis).filter(m -> !m.isNaN()).forEach(answered::add);
    double[] starts =
        adds.stream()
            .mapToDouble(RawCniAdds.Add::pingStartMillis)
            .filter(m -> !Double.isNaN(m))
            .sorted()
            .toArray();
    int lost = adds.size() - answered.size();
    return new Baseline(
        metric,
        "ms",
        answered,
        String.format(
            Locale.ROOT,
            "the same pods ping the node's control pod %s every 10 ms right after their ADD: the"
                + " ADD's end to the send time of the first answered echo%s; starting ping itself"
                + " took %s (the ADD's end to its first echo), the floor of this number",
            target,
            lost == 0 ? "" : ", " + lost + " of " + adds.size() + " unanswered in 5 s",
            starts.length == 0
                ? "an unknown time"
                : String.format(
                    Locale.ROOT, "%.3f ms at the median", starts[(starts.length - 1) / 2])));
  }
}
