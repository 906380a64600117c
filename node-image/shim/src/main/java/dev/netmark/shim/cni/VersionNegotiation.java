package dev.netmark.shim.cni;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Picks the highest version offered by the list that this runtime and every plugin support. */
final class VersionNegotiation {
  private VersionNegotiation() {}

  /**
   * @param supportedByPlugin the VERSION answer of each plugin type
   * @return the version to run the list with
   * @throws IllegalArgumentException naming the plugin that supports none of the offers
   */
  static String choose(CniConfig config, Map<String, List<String>> supportedByPlugin) {
    Set<String> offered = new LinkedHashSet<>(config.cniVersions());
    offered.add(config.cniVersion());
    List<String> candidates = new ArrayList<>();
    for (String v : offered) {
      if (CniVersions.SUPPORTED.contains(v)) {
        candidates.add(v);
      }
    }
    candidates.sort(Comparator.<String, String>comparing(v -> v, CniVersions::compare).reversed());
    for (String v : candidates) {
      if (supportedByPlugin.values().stream().allMatch(s -> s.contains(v))) {
        return v;
      }
    }
    StringBuilder why = new StringBuilder("no common CNI version: the list offers " + offered);
    supportedByPlugin.forEach(
        (type, versions) -> {
          if (candidates.stream().noneMatch(versions::contains)) {
            why.append("; plugin ").append(type).append(" supports ").append(versions);
          }
        });
    if (candidates.isEmpty()) {
      why.append("; this runtime supports ").append(CniVersions.SUPPORTED);
    } else if (why.indexOf("; plugin") < 0) {
      why.append("; the plugins support no single offered version together: ")
          .append(supportedByPlugin);
    }
    throw new IllegalArgumentException(why.toString());
  }
}
