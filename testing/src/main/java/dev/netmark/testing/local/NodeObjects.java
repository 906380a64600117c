package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.fabric.NodePlan;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The Node object of an emulated node, as kubelet registers it: labels, the shim port annotation
 * the {@code direct} metric source reads, the pod CIDR, and a status that is Ready with the node's
 * address as InternalIP.
 */
final class NodeObjects {
  /** Marks nodes whose pod networking is real (the kubemark nodes' label too). */
  static final String NOT_SO_HOLLOW = "netmark.dev/not-so-hollow";

  private NodeObjects() {}

  static Node node(NodePlan plan, int shimPort) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(plan.name())
        .addToLabels("kubernetes.io/hostname", plan.name())
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels(NOT_SO_HOLLOW, "true")
        .addToAnnotations(MetricNames.ANNOTATION_SHIM_PORT, Integer.toString(shimPort))
        .endMetadata()
        .withNewSpec()
        .withPodCIDR(plan.podCidr().toString())
        .withPodCIDRs(plan.podCidr().toString())
        .endSpec()
        .build();
  }

  static NodeStatus status(NodePlan plan, Instant now) {
    String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeStatusBuilder()
        .addNewAddress()
        .withType("InternalIP")
        .withAddress(plan.ip())
        .endAddress()
        .addNewAddress()
        .withType("Hostname")
        .withAddress(plan.name())
        .endAddress()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("kubelet stand-in is posting ready status; shim is healthy")
        .withLastHeartbeatTime(t)
        .withLastTransitionTime(t)
        .endCondition()
        .withCapacity(Map.of("pods", new Quantity("1000"), "cpu", new Quantity("2")))
        .withAllocatable(Map.of("pods", new Quantity("1000"), "cpu", new Quantity("2")))
        .withNewNodeInfo()
        .withKubeletVersion("netmark-local")
        .withContainerRuntimeVersion("netmark-shim")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .endNodeInfo()
        .build();
  }
}
