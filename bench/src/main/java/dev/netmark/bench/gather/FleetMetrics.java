package dev.netmark.bench.gather;

import dev.netmark.contract.MetricNames;
import java.util.Locale;

/**
 * A node's {@code /metrics}: the shim's duration histograms over its pods (same for every node).
 */
final class FleetMetrics {
  private FleetMetrics() {}

  static String text(int pods) {
    StringBuilder out = new StringBuilder();
    for (String metric :
        new String[] {
          MetricNames.CNI_ADD_SECONDS,
          MetricNames.CNI_ADD_TOTAL_SECONDS,
          MetricNames.NETWORK_READY_SECONDS
        }) {
      out.append("# TYPE ").append(metric).append(" histogram\n");
      for (double le : MetricNames.BUCKETS_SECONDS) {
        // Every pod within 50 ms, as FleetRecords makes them.
        int count = le >= 0.05 ? pods : 0;
        out.append(String.format(Locale.ROOT, "%s_bucket{le=\"%s\"} %d%n", metric, le, count));
      }
      out.append(metric).append("_bucket{le=\"+Inf\"} ").append(pods).append('\n');
      out.append(metric).append("_count ").append(pods).append('\n');
      out.append(String.format(Locale.ROOT, "%s_sum %.3f%n", metric, pods * 0.03));
    }
    return out.toString();
  }
}
