package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.Container;
import dev.netmark.shim.cri.api.ContainerFilter;
import dev.netmark.shim.cri.api.ContainerStatsFilter;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxStatsFilter;
import java.util.Map;

/**
 * CRI list filters, applied to the shim's own items the way containerd applies them: every set
 * field must match (AND); ids match by prefix, as containerd's truncated-id index does; the label
 * selector requires each key with that exact value.
 */
final class Filters {
  private Filters() {}

  static boolean matches(PodSandboxFilter f, PodSandbox s) {
    return idMatches(f.getId(), s.getId())
        && (!f.hasState() || f.getState().getState() == s.getState())
        && labelsMatch(f.getLabelSelectorMap(), s.getLabelsMap());
  }

  static boolean matches(ContainerFilter f, Container c) {
    return idMatches(f.getId(), c.getId())
        && idMatches(f.getPodSandboxId(), c.getPodSandboxId())
        && (!f.hasState() || f.getState().getState() == c.getState())
        && labelsMatch(f.getLabelSelectorMap(), c.getLabelsMap());
  }

  static boolean matches(
      ContainerStatsFilter f, String containerId, String sandboxId, Map<String, String> labels) {
    return idMatches(f.getId(), containerId)
        && idMatches(f.getPodSandboxId(), sandboxId)
        && labelsMatch(f.getLabelSelectorMap(), labels);
  }

  static boolean matches(PodSandboxStatsFilter f, String sandboxId, Map<String, String> labels) {
    return idMatches(f.getId(), sandboxId) && labelsMatch(f.getLabelSelectorMap(), labels);
  }

  static boolean idMatches(String wanted, String id) {
    return wanted.isEmpty() || id.startsWith(wanted);
  }

  static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
