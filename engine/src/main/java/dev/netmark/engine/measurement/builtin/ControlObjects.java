package dev.netmark.engine.measurement.builtin;

import dev.netmark.contract.ProbeTargets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/** The Kubernetes objects of the control plane: namespace, control pods, service, ConfigMap. */
final class ControlObjects {
  static final String NAMESPACE = ProbeTargets.NAMESPACE;
  static final String ROLE_LABEL = "netmark.dev/role";
  static final String ROLE_CONTROL = "control";
  static final String NODE_LABEL = "netmark.dev/node";
  static final Map<String, String> SELECTOR = Map.of(ROLE_LABEL, ROLE_CONTROL);

  private ControlObjects() {}

  static Namespace namespace() {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(NAMESPACE)
        .addToLabels("app.kubernetes.io/managed-by", "netmark")
        .endMetadata()
        .build();
  }

  static String podName(String node, int index) {
    return "netmark-control-" + node + "-" + index;
  }

  /** A control pod pinned to {@code node}; it tolerates every taint so each node gets one. */
  static Pod pod(String node, int index, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(podName(node, index))
        .withNamespace(NAMESPACE)
        .addToLabels(ROLE_LABEL, ROLE_CONTROL)
        .addToLabels(NODE_LABEL, node)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewToleration()
        .withOperator("Exists")
        .endToleration()
        .addNewContainer()
        .withName("control")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort()
        .withName("http")
        .withContainerPort(ControlPlaneSpec.HTTP_PORT)
        .endPort()
        .addNewPort()
        .withName("iperf")
        .withContainerPort(ControlPlaneSpec.IPERF_PORT)
        .endPort()
        .endContainer()
        .endSpec()
        .build();
  }

  static Service service(String name, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(SELECTOR)
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(ControlPlaneSpec.HTTP_PORT))
        .endPort()
        .addNewPort()
        .withName("iperf")
        .withProtocol("TCP")
        .withPort(ControlPlaneSpec.IPERF_PORT)
        .withTargetPort(new IntOrString(ControlPlaneSpec.IPERF_PORT))
        .endPort()
        .endSpec()
        .build();
  }

  static ConfigMap targets(String json) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ProbeTargets.CONFIGMAP_NAME)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addToData(ProbeTargets.CONFIGMAP_KEY, json)
        .build();
  }
}
