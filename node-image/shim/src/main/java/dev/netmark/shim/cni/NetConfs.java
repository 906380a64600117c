package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import java.util.Map;

/** Builds the stdin of one plugin call, like libcni's buildOneConfig and injectRuntimeConfig. */
final class NetConfs {
  private NetConfs() {}

  /**
   * The plugin's entry with the list's {@code name} and {@code cniVersion}, {@code prevResult} when
   * given (already in {@code cniVersion}'s format), and {@code runtimeConfig} holding the
   * capability arguments the entry declares (only when there is at least one).
   */
  static String build(
      CniPlugin plugin,
      String network,
      String cniVersion,
      ObjectNode prevResult,
      Map<String, Object> capabilityArgs) {
    ObjectNode conf = plugin.config();
    conf.put("name", network);
    conf.put("cniVersion", cniVersion);
    if (prevResult != null) {
      conf.set("prevResult", prevResult);
    }
    ObjectNode runtimeConfig = new ObjectNode();
    for (String capability : plugin.capabilities()) {
      if (capabilityArgs.containsKey(capability)) {
        runtimeConfig.set(capability, JsonTree.fromJava(capabilityArgs.get(capability)));
      }
    }
    if (!runtimeConfig.isEmpty()) {
      conf.set("runtimeConfig", runtimeConfig);
    }
    return Json.write(conf);
  }
}
