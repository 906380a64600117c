package dev.netmark.engine.measurement;

import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;

/** A measurement context over fixed parts, for tests of single measurements. */
public record TestContext(
    KubernetesClient kube, MetricSource source, List<String> namespaces, Path reportDir)
    implements MeasurementContext {
  @Override
  public MetricSource metrics() {
    return source;
  }

  @Override
  public String testName() {
    return "test";
  }
}
