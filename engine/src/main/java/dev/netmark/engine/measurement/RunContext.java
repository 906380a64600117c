package dev.netmark.engine.measurement;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.engine.progress.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The context every measurement of one run gets; creates the metric source at its first use. */
final class RunContext implements EngineMeasurementContext {
  private static final long NAMESPACE_DELETE_TIMEOUT_S = 120;

  private final RunEnvironment env;
  private final NamedServices<MetricSourceFactory> sources;
  private final Set<String> toDelete = new LinkedHashSet<>();
  private MetricSource metrics;
  private volatile MetricSource.Cursor runStart = MetricSource.Cursor.START;

  RunContext(RunEnvironment env, NamedServices<MetricSourceFactory> sources) {
    this.env = env;
    this.sources = sources;
  }

  @Override
  public KubernetesClient kube() {
    return env.kube();
  }

  @Override
  public synchronized MetricSource metrics() {
    if (metrics == null) {
      MetricSourceFactory factory =
          sources
              .find(env.metricSourceKind())
              .orElseThrow(
                  () ->
                      new NetmarkException(
                          "a measurement needs shim data but "
                              + sources.unknown(env.metricSourceKind())));
      metrics = factory.create(env.kube(), env.metricSourceOptions());
    }
    return metrics;
  }

  @Override
  public MetricSource.Cursor runStart() {
    return runStart;
  }

  /** Takes {@link #runStart()}: the end of every shim's record log, one request per node. */
  void markRunStart() throws InterruptedException {
    MetricSource.EventBatch tail = metrics().tail();
    if (tail.available()) {
      runStart = tail.next();
    }
  }

  @Override
  public String testName() {
    return env.testName();
  }

  @Override
  public List<String> namespaces() {
    return List.copyOf(env.namespaces().get());
  }

  @Override
  public Path reportDir() {
    return env.reportDir();
  }

  @Override
  public Progress progress() {
    return env.progress();
  }

  @Override
  public synchronized void deleteAtEnd(String namespace) {
    toDelete.add(namespace);
  }

  /** Deletes the registered namespaces (unless keeping) and says what happened, a line each. */
  List<String> cleanUp() {
    List<String> names;
    synchronized (this) {
      names = List.copyOf(toDelete);
      toDelete.clear();
    }
    List<String> lines = new ArrayList<>();
    for (String ns : names) {
      if (env.keep()) {
        lines.add("kept namespace " + ns + " (--keep)");
        continue;
      }
      try {
        env.kube()
            .namespaces()
            .withName(ns)
            .withTimeout(NAMESPACE_DELETE_TIMEOUT_S, TimeUnit.SECONDS)
            .delete();
        lines.add("deleted namespace " + ns);
      } catch (RuntimeException e) {
        // Cleanup goes on with the other namespaces; the failure is reported, not thrown.
        lines.add("could not delete namespace " + ns + ": " + e.getMessage());
      }
    }
    return lines;
  }
}
