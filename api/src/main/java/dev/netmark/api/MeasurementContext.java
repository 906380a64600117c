package dev.netmark.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;

/** What a measurement may use while it runs. Implemented by the engine; stable for a run. */
public interface MeasurementContext {

  /** The client of the cluster under test. */
  KubernetesClient kube();

  /**
   * Where to read what the shims recorded.
   *
   * @throws NetmarkException naming the known sources when none is configured
   */
  MetricSource metrics();

  /** The test's {@code name}. */
  String testName();

  /** Namespaces the test created so far, in order. */
  List<String> namespaces();

  /** The report directory, for raw data files a measurement wants to keep. */
  Path reportDir();
}
