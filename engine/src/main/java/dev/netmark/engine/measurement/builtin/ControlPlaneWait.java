package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.NetmarkException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits (by watching) for the control pods' IPs and the control service's cluster IP; gives up
 * early on a control pod whose sandbox keeps failing with the same error.
 */
final class ControlPlaneWait {
  /** kubelet's event reason for a sandbox that failed to start (CNI ADD among others). */
  static final String FAILED_SANDBOX = "FailedCreatePodSandBox";

  /** Tries with one and the same error after which a control pod is given up. */
  static final int SAME_ERROR_TRIES = 3;

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
          failFast(missing);
          return missing;
        },
        remaining(),
        "control pod IPs in " + ControlObjects.NAMESPACE);
    return Map.copyOf(ips);
  }

  /**
   * Fails when a waiting control pod's sandbox failed {@link #SAME_ERROR_TRIES} times with the same
   * error (kubelet's FailedCreatePodSandBox event, counted per message): more tries will not help,
   * and the plugin's own words with a fix beat a timeout minutes later.
   */
  private void failFast(List<String> waiting) {
    if (waiting.isEmpty()) {
      return;
    }
    List<String> failed = new ArrayList<>();
    for (Event e : kube.v1().events().inNamespace(ControlObjects.NAMESPACE).list().getItems()) {
      var pod = e.getInvolvedObject();
      if (FAILED_SANDBOX.equals(e.getReason())
          && pod != null
          && waiting.contains(pod.getName())
          && e.getCount() != null
          && e.getCount() >= SAME_ERROR_TRIES) {
        String node = e.getSource() == null ? null : e.getSource().getHost();
        failed.add(
            (node == null ? "" : node + ": ")
                + "pod "
                + pod.getName()
                + ", "
                + e.getCount()
                + " tries: "
                + CniHints.withFix(e.getMessage(), "      "));
      }
    }
    if (!failed.isEmpty()) {
      throw new NetmarkException(
          "control pods cannot start, their sandbox failed "
              + SAME_ERROR_TRIES
              + " times with the same error:\n    - "
              + String.join("\n    - ", failed.stream().sorted().toList()));
    }
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
