package dev.netmark.testing.local;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.testing.local.fabric.Fabric;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ConfigMap {@code netmark-system/netmark-cluster-info} through which local mode tells the
 * engine's control plane step its defaults: the external target ({@code externalIp}, {@code
 * externalUrl}) and, for people looking with kubectl, the address ranges.
 */
final class ClusterInfo {
  static final String NAME = "netmark-cluster-info";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterInfo.class);

  private ClusterInfo() {}

  /** Creates {@code netmark-system} when missing and writes the ConfigMap. */
  static void publish(KubernetesClient kube, Fabric fabric) {
    String ns = ProbeTargets.NAMESPACE;
    if (kube.namespaces().withName(ns).get() == null) {
      kube.resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .addToLabels("app.kubernetes.io/managed-by", "netmark")
                  .endMetadata()
                  .build())
          .createOr(NonDeletingOperation::update);
    }
    writeConfigMap(kube, fabric);
  }

  /** Writes the ConfigMap into an existing {@code netmark-system}. */
  static void writeConfigMap(KubernetesClient kube, Fabric fabric) {
    var spec = fabric.plan().spec();
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(ProbeTargets.NAMESPACE)
                .endMetadata()
                .addToData("externalIp", fabric.externalIp())
                .addToData("externalUrl", fabric.externalUrl())
                .addToData("clusterCidr", spec.clusterCidr().toString())
                .addToData("serviceCidr", spec.serviceCidr().toString())
                .addToData("nodes", Integer.toString(spec.nodes()))
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /** The namespace controller's hook: a re-created {@code netmark-system} gets it back. */
  static void onNamespace(KubernetesClient kube, Fabric fabric, String namespace) {
    if (!ProbeTargets.NAMESPACE.equals(namespace)) {
      return;
    }
    try {
      writeConfigMap(kube, fabric);
    } catch (KubernetesClientException e) {
      LOG.warn("writing {}/{} failed: {}", namespace, NAME, e.getMessage());
    }
  }
}
