package dev.netmark.engine.measurement;

import dev.netmark.engine.progress.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What measurements of one run share.
 *
 * @param kube the client of the cluster under test
 * @param testName the config's name
 * @param namespaces the namespaces the test created so far, asked at each call
 * @param reportDir the report directory
 * @param metricSourceKind kind of the metric source, created at the first use
 * @param metricSourceOptions {@code --metric-source-opt} pairs
 * @param keep keep what the run created instead of deleting it at the end
 * @param progress where waiting measurements show how far they got
 */
public record RunEnvironment(
    KubernetesClient kube,
    String testName,
    Supplier<List<String>> namespaces,
    Path reportDir,
    String metricSourceKind,
    Map<String, String> metricSourceOptions,
    boolean keep,
    Progress progress) {
  public RunEnvironment {
    metricSourceOptions = Map.copyOf(metricSourceOptions);
  }
}
