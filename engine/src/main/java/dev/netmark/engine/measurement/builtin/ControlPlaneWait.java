package dev.netmark.engine.measurement.builtin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Waits (by watching) for the control pods' IPs and the control service's cluster IP. */
final class ControlPlaneWait {
  private final KubernetesClient kube;
  private final long deadlineNanos;

  ControlPlaneWait(KubernetesClient kube, Duration timeout) {
    this.kube = kube;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /** The pod IP of each named control pod, once all have one. */
  Map<String, String> podIps(Collection<String> names) throws InterruptedException {
    Map<String, String> ips = new HashMap<>();
    Await.until(
        kube.pods().inNamespace(ControlObjects.NAMESPACE).withLabels(ControlObjects.SELECTOR),
        pods -> {
          ips.clear();
          for (Pod p : pods) {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
              ips.put(p.getMetadata().getName(), p.getStatus().getPodIP());
            }
          }
          List<String> missing = new ArrayList<>();
          for (String name : names) {
            if (!ips.containsKey(name)) {
              missing.add(name);
            }
          }
          return missing;
        },
        remaining(),
        "control pod IPs in " + ControlObjects.NAMESPACE);
    return Map.copyOf(ips);
  }

  /** The service's cluster IP, once it has one. */
  String clusterIp(String serviceName) throws InterruptedException {
    String[] ip = new String[1];
    Await.until(
        kube.services().inNamespace(ControlObjects.NAMESPACE).withName(serviceName),
        services -> {
          for (Service s : services) {
            String clusterIp = s.getSpec() == null ? null : s.getSpec().getClusterIP();
            if (clusterIp != null && !clusterIp.isEmpty() && !clusterIp.equals("None")) {
              ip[0] = clusterIp;
              return List.of();
            }
          }
          return List.of("service " + serviceName + " has no cluster IP");
        },
        remaining(),
        "the cluster IP of service " + ControlObjects.NAMESPACE + "/" + serviceName);
    return ip[0];
  }

  private Duration remaining() {
    return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
  }
}
