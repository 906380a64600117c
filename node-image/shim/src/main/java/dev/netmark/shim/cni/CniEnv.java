package dev.netmark.shim.cni;

import java.util.LinkedHashMap;
import java.util.Map;

/** The CNI_* environment of one plugin call. */
final class CniEnv {
  private CniEnv() {}

  static Map<String, String> of(String command, CniRequest request, String cniPath) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", request.containerId());
    env.put("CNI_NETNS", request.netns().toString());
    env.put("CNI_IFNAME", request.ifName());
    env.put("CNI_ARGS", request.cniArgs());
    env.put("CNI_PATH", cniPath);
    return env;
  }

  /** VERSION needs only the command and CNI_PATH. */
  static Map<String, String> version(String cniPath) {
    return Map.of("CNI_COMMAND", "VERSION", "CNI_PATH", cniPath);
  }
}
