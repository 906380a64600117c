package dev.netmark.testing.local.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a CNI configuration template for one node: every {@code ${name}} is replaced by the
 * node's value (see {@link CniSetup} for the names). Deliberately not FreeMarker: the node side
 * stays small, and a conflist needs no logic.
 */
final class ConfTemplate {
  /** The placeholder naming the node's pod LAN device ({@link Topology#podLan}). */
  static final String POD_LAN = "podLan";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private ConfTemplate() {}

  /** The placeholder values of {@code node} in {@code plan}. */
  static Map<String, String> values(FabricPlan plan, NodePlan node) {
    Map<String, String> v = new TreeMap<>();
    v.put("prefix", plan.prefix());
    v.put("nodeName", node.name());
    v.put("nodeIp", node.ip());
    v.put("podCidr", node.podCidr().toString());
    v.put("gateway", node.gateway());
    v.put("clusterCidr", plan.spec().clusterCidr().toString());
    v.put("ipamDataDir", node.ipamDir().toString());
    v.put(POD_LAN, Topology.POD_LAN);
    return v;
  }

  /**
   * Replaces the placeholders of {@code template}.
   *
   * @param source names the template in error messages
   * @throws IllegalArgumentException listing unknown placeholders with their line numbers
   */
  static String render(String template, String source, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        int line =
            (int) template.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        unknown.add(m.group() + " on line " + line);
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + ": unknown placeholder "
              + String.join(", ", unknown)
              + "; known are "
              + values.keySet().stream().map(k -> "${" + k + "}").toList());
    }
    return out.toString();
  }
}
