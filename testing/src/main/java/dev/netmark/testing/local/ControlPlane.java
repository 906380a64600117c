package dev.netmark.testing.local;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.targets.ProbeTargetsJson;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the engine's {@code deployControlPlane} step does, driven directly for programs that use a
 * {@link LocalCluster} without the engine (tests, benchmarks): one control pod per node, a service
 * over them, and the probe-targets ConfigMap once every address is known.
 */
public final class ControlPlane {
  private ControlPlane() {}

  /**
   * Deploys the control plane with the default probe policy and waits for it.
   *
   * @throws IllegalStateException if a control pod or the service VIP is not there in {@code
   *     timeout}
   */
  public static ProbeTargets deploy(KubernetesClient kube, LocalCluster c, Duration timeout)
      throws InterruptedException {
    String ns = ProbeTargets.NAMESPACE;
    for (String node : c.nodeNames()) {
      kube.resource(controlPod(ns, node)).create();
    }
    kube.resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("netmark-control")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("netmark.dev/role", "control"))
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString(8080))
                .endPort()
                .endSpec()
                .build())
        .create();
    Map<String, List<String>> ips = new TreeMap<>();
    for (String node : c.nodeNames()) {
      String ip =
          await(
              "control pod ctl-" + node + " running with an IP",
              () -> {
                Pod p = kube.pods().inNamespace(ns).withName("ctl-" + node).get();
                boolean running =
                    p != null
                        && p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase());
                return running ? p.getStatus().getPodIP() : null;
              },
              timeout);
      ips.put(node, List.of(ip));
    }
    String vip =
        await(
            "a ClusterIP for service netmark-control",
            () ->
                kube.services()
                    .inNamespace(ns)
                    .withName("netmark-control")
                    .get()
                    .getSpec()
                    .getClusterIP(),
            timeout);
    var info = kube.configMaps().inNamespace(ns).withName(ClusterInfo.NAME).get().getData();
    ProbeTargets targets =
        new ProbeTargets(
            ips,
            8080,
            5201,
            vip,
            80,
            info.get("externalIp"),
            info.get("externalUrl"),
            ProbeTargets.ProbePolicy.defaults());
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ProbeTargets.CONFIGMAP_NAME)
                .withNamespace(ns)
                .endMetadata()
                .addToData(ProbeTargets.CONFIGMAP_KEY, ProbeTargetsJson.toJson(targets))
                .build())
        .createOr(NonDeletingOperation::update);
    return targets;
  }

  private static Pod controlPod(String ns, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("ctl-" + node)
        .withNamespace(ns)
        .addToLabels("netmark.dev/role", "control")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("control")
        .withImage("netmark/control:latest")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Polls until {@code value} is neither null nor empty. */
  private static String await(String what, Supplier<String> value, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        String v = value.get();
        if (v != null && !v.isEmpty()) {
          return v;
        }
      } catch (RuntimeException e) {
        last = e; // the object may not exist yet: keep polling, report the last failure
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "no " + what + " within " + timeout + (last == null ? "" : ": " + last));
  }
}
