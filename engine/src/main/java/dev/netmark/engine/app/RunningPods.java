package dev.netmark.engine.app;

import dev.netmark.contract.MetricNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pods of a model whose containers all run, as the API shows them: a serving pod listens from
 * its StartContainer on, which the runtime may be asked for after the pod is network-ready.
 */
final class RunningPods {
  private RunningPods() {}

  /** {@code namespace/name} of the model's pods with every container running. */
  static Set<String> of(KubernetesClient kube, String app) {
    Set<String> out = new HashSet<>();
    for (Pod p :
        kube.pods().inAnyNamespace().withLabel(MetricNames.APP_LABEL, app).list().getItems()) {
      if (allRunning(p)) {
        out.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
      }
    }
    return out;
  }

  static boolean allRunning(Pod p) {
    if (p.getStatus() == null || p.getSpec() == null) {
      return false;
    }
    List<ContainerStatus> statuses = p.getStatus().getContainerStatuses();
    return statuses != null
        && statuses.size() == p.getSpec().getContainers().size()
        && statuses.stream()
            .allMatch(c -> c.getState() != null && c.getState().getRunning() != null);
  }
}
