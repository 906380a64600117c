package dev.netmark.bench.engine;

import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw operation under the engine's creates: {@code parallelism} threads, each a plain loop of
 * fabric8 creates of a pod like the engine's, on a fresh local-mode API server.
 */
final class PlainCreates {
  private PlainCreates() {}

  /**
   * @return pods created per second, first request to last answer
   */
  static double rate(int pods, int parallelism) throws InterruptedException {
    try (ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient()) {
      String namespace = EngineCreates.NAMESPACE + "-1";
      kube.namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      AtomicInteger next = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      long begin = System.nanoTime();
      for (int t = 0; t < parallelism; t++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int i; (i = next.getAndIncrement()) < pods; ) {
                        kube.pods().inNamespace(namespace).resource(pod(i)).create();
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      long elapsed = System.nanoTime() - begin;
      int created = kube.pods().inNamespace(namespace).list().getItems().size();
      if (created != pods) {
        throw new IllegalStateException("asked for " + pods + " pods, the server has " + created);
      }
      return pods / (elapsed / 1e9);
    }
  }

  /** What configs/templates/pod-netperf.yaml renders to, with the engine's label. */
  private static Pod pod(int i) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("netperf-pod-" + i)
        .addToLabels("app", "netperf")
        .addToLabels("netmark.dev/index", Integer.toString(i))
        .addToLabels("netperf", "true")
        .addToAnnotations(
            "netmark.dev/create-request-ms", Long.toString(System.currentTimeMillis()))
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer()
        .withName("netperf")
        .withImage("registry.k8s.io/pause:3.10")
        .endContainer()
        .endSpec()
        .build();
  }
}
