package dev.netmark.engine.app;

import dev.netmark.api.NetmarkException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Waits for the ClusterIP of each Service: a cluster may allocate it after the create returned
 * (local mode does), and a tier is published with its VIP.
 */
final class ServiceIps {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KubernetesClient kube;
  private final long deadlineNanos;
  private final Duration timeout;

  ServiceIps(KubernetesClient kube, Duration timeout) {
    this.kube = kube;
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  String clusterIp(String namespace, String name) throws InterruptedException {
    while (true) {
      Service s = kube.services().inNamespace(namespace).withName(name).get();
      String ip = s == null || s.getSpec() == null ? null : s.getSpec().getClusterIP();
      if (ip != null && !ip.isEmpty() && !ip.equals("None")) {
        return ip;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new NetmarkException(
            "service " + namespace + "/" + name + " got no cluster IP within " + timeout);
      }
      Thread.sleep(POLL);
    }
  }
}
