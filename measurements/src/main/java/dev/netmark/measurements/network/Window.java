package dev.netmark.measurements.network;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a gather read from per-pod records: the selected pods' events folded per pod.
 *
 * @param startMs wall clock of {@code start} (the engine's clock)
 * @param gatherMs wall clock of {@code gather}
 * @param fold the selected pods' events between start and gather
 * @param pods the API's view of the pods, or null when the measurement did not need it
 * @param existing UIDs of matching pods that exist at gather, or null without {@code pods}
 * @param reportDir where to write data files
 * @param testName the test's name, for file names
 * @param kube the cluster's API, asked only by measurements that read more than pods
 */
record Window(
    long startMs,
    long gatherMs,
    PodFold fold,
    PodDirectory pods,
    Set<String> existing,
    Path reportDir,
    String testName,
    Supplier<KubernetesClient> kube) {

  /** The pod's creationTimestamp from the API, when known. */
  OptionalLong createdMs(String uid) {
    return pods == null ? OptionalLong.empty() : pods.createdMs(uid);
  }

  double seconds() {
    return (gatherMs - startMs) / 1000.0;
  }
}
