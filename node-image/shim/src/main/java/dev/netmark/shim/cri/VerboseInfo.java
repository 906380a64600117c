package dev.netmark.shim.cri;

import dev.netmark.contract.json.JsonTree;
import dev.netmark.shim.state.SandboxEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code info} of a verbose PodSandboxStatus: JSON, as CRI asks, for debugging. */
final class VerboseInfo {
  private VerboseInfo() {}

  static String of(SandboxEntry s) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("runtime", "netmark-shim");
    info.put("netns", s.netnsPath());
    info.put("addAttempt", s.addAttempt());
    info.put("cniResult", s.cniResultJson());
    return JsonTree.write(JsonTree.fromJava(info));
  }
}
