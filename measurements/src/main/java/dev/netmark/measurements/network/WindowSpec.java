package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * The params every network measurement shares: {@code action} and, at {@code start}, which pods it
 * covers ({@code namespaces}, the test's namespaces when absent, and an optional {@code
 * labelSelector}) and, at either, {@code minCoverage}.
 *
 * @param action {@code start} or {@code gather}
 * @param namespaces the namespaces to cover, or null for the test's namespaces at gather time
 * @param labelSelector a Kubernetes label selector, or null for every netperf pod
 * @param minCoverage the nodes that must answer ({@code minCoverage}, at start or gather), or null
 *     when not given here
 */
record WindowSpec(
    String action, List<String> namespaces, String labelSelector, MinCoverage minCoverage) {
  static final String START = "start";
  static final String GATHER = "gather";

  /**
   * @throws dev.netmark.api.ConfigException naming {@code action}, {@code namespaces} or {@code
   *     labelSelector} when one is malformed
   */
  static WindowSpec parse(Params params) {
    String action = params.action();
    if (!action.equals(START) && !action.equals(GATHER)) {
      throw params.error("action", "expected start or gather, found '" + action + "'");
    }
    String selector = params.string("labelSelector").orElse(null);
    if (selector != null && selector.isBlank()) {
      throw params.error("labelSelector", "must not be empty; leave it out to select every pod");
    }
    return new WindowSpec(
        action, namespaces(params), selector, MinCoverage.parse(params).orElse(null));
  }

  private static List<String> namespaces(Params params) {
    Object raw = params.asMap().get("namespaces");
    if (raw == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object o : list) {
        if (o == null
            || o instanceof java.util.Map
            || o instanceof List
            || o.toString().isBlank()) {
          throw params.error("namespaces", "expected a list of namespace names, found " + list);
        }
        out.add(o.toString());
      }
    } else if (raw instanceof String s) {
      // A comma-separated string is what --set namespaces=a,b gives.
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else {
      throw params.error("namespaces", "expected a list of namespace names, found '" + raw + "'");
    }
    if (out.isEmpty()) {
      throw params.error("namespaces", "must name at least one namespace");
    }
    return List.copyOf(out);
  }
}
