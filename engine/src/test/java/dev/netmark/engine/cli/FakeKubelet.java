package dev.netmark.engine.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays scheduler and kubelet for netperf pods on the mock API server: binds each new pod at once
 * (API timestamp 2 s after its creation) and marks it Running {@link #RUN_DELAY_MS} later (API
 * timestamp 7 s after creation). PodStartupLatency times phases by when its watch sees them, so
 * {@code schedule_to_run} is at least the injected delay.
 */
final class FakeKubelet implements AutoCloseable {
  static final long TO_SCHEDULE_MS = 2000;
  static final long TO_RUN_MS = 5000;
  static final long RUN_DELAY_MS = 300;

  private final SharedIndexInformer<Pod> informer;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  FakeKubelet(KubernetesClient kube, CountDownLatch running) {
    informer =
        kube.pods()
            .inAnyNamespace()
            .withLabel("netperf", "true")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    if (seen.add(
                        pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())) {
                      kube.resource(pod).edit(FakeKubelet::bind);
                      later.schedule(
                          () -> {
                            kube.pods()
                                .inNamespace(pod.getMetadata().getNamespace())
                                .withName(pod.getMetadata().getName())
                                .edit(FakeKubelet::run);
                            running.countDown();
                          },
                          RUN_DELAY_MS,
                          TimeUnit.MILLISECONDS);
                    }
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {}

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}
                });
  }

  private static Pod bind(Pod pod) {
    Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
    return new PodBuilder(pod)
        .editSpec()
        .withNodeName("node-a")
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime(created.plusMillis(TO_SCHEDULE_MS).toString())
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod run(Pod pod) {
    Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
    Instant scheduled = created.plusMillis(TO_SCHEDULE_MS);
    Instant started = scheduled.plusMillis(TO_RUN_MS);
    return new PodBuilder(pod)
        .editSpec()
        .withNodeName("node-a")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("10.1.0.1")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime(scheduled.toString())
        .endCondition()
        .addNewContainerStatus()
        .withName(pod.getSpec().getContainers().getFirst().getName())
        .withNewState()
        .withNewRunning()
        .withStartedAt(started.toString())
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  /** The pods it ran, as {@code namespace/name}. */
  Set<String> seen() {
    return Set.copyOf(seen);
  }

  @Override
  public void close() {
    later.shutdownNow();
    informer.close();
  }
}
