package dev.netmark.engine.step;

import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.kube.KubeOps;
import dev.netmark.engine.kube.Retrier;
import dev.netmark.engine.measurement.MeasurementRunner;
import dev.netmark.engine.tuningset.TuningSets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a validated test config against a cluster: creates the automanaged namespaces, runs the
 * steps in order (phases and measurements of a step in parallel), stops at the first failed step,
 * and cleans up: at the end when the config says {@code deleteAutomanagedNamespaces}, and on
 * failure or Ctrl-C, unless {@link RunOptions#keep()}.
 */
public final class TestRunner {
  private final MeasurementRunner measurements;
  private final RunOptions options;
  private final KubeOps ops;
  private final TestNamespaces namespaces;
  private volatile Consumer<List<String>> beforeCleanupOnFailure = ns -> {};

  /**
   * @param kube the client of the cluster under test
   * @param measurements runs the measurement actions; disposed at the end of {@link #run}
   */
  public TestRunner(KubernetesClient kube, MeasurementRunner measurements, RunOptions options) {
    this.measurements = measurements;
    this.options = options;
    this.ops = new KubeOps(kube, new Retrier(options.retry(), options.ticker()));
    this.namespaces = new TestNamespaces(ops, options.runId());
  }

  /** The namespaces the run created so far, in order; for measurement contexts. */
  public List<String> createdNamespaces() {
    return namespaces.created();
  }

  /**
   * Has {@code hook} called with the run's namespaces when the run failed, before they are deleted:
   * to look at what the failure left (the pods that did not come up).
   */
  public void beforeCleanupOnFailure(Consumer<List<String>> hook) {
    this.beforeCleanupOnFailure = hook;
  }

  /** The prefix of automanaged namespaces: the config's, or {@code netmark-<runId>}. */
  public String namespacePrefix(TestConfig config) {
    String prefix = config.namespace().prefix();
    return prefix == null || prefix.isBlank() ? "netmark-" + options.runId() : prefix;
  }

  /**
   * Runs the test. Never throws for a failed step: the failure is in the result. When interrupted
   * (Ctrl-C), the running step is cancelled, recorded as failed, cleanup runs and the interrupt
   * flag is set again on return.
   *
   * @throws dev.netmark.api.ConfigException for a tuning set with bad params, before anything
   *     touches the cluster
   */
  public RunResult run(TestConfig config) {
    Instant started = options.wallClock().instant();
    TuningSets tuningSets = new TuningSets(config.tuningSets(), options.ticker(), options.seed());
    String prefix = namespacePrefix(config);
    StepExecutor steps =
        new StepExecutor(
            new PhaseExecutor(ops, new ReplicaStore(), options.progress(), options.wallClock()),
            measurements,
            tuningSets,
            phase -> phase.namespaces().resolve(prefix),
            options.ticker());
    List<StepResult> results = new ArrayList<>();
    boolean completed = false;
    boolean interrupted = false;
    List<String> cleanup;
    try (CtrlC ctrlC = new CtrlC(options.installShutdownHook())) {
      try {
        interrupted = !runSteps(config, prefix, steps, results);
        completed = true;
      } finally {
        // Also after an unexpected exception, which then propagates: never leave namespaces behind.
        boolean failed = interrupted || !completed || results.stream().anyMatch(StepResult::failed);
        if (failed) {
          try {
            beforeCleanupOnFailure.accept(namespaces.created());
          } catch (RuntimeException e) {
            // Only a look at what failed; it must never keep the namespaces from being deleted.
          }
        }
        cleanup = cleanup(config, results, interrupted || !completed);
        ctrlC.cleanedUp();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new RunResult(config.name(), started, results, cleanup);
  }

  /**
   * @return false when interrupted
   */
  private boolean runSteps(
      TestConfig config, String prefix, StepExecutor steps, List<StepResult> results) {
    String current = "create namespaces";
    long start = options.ticker().nanoTime();
    try {
      try {
        measurements.beforeTest(config);
        namespaces.createAutomanaged(prefix, config.namespace().number());
      } catch (RuntimeException e) {
        results.add(failed(current, start, "step '" + current + "': " + e.getMessage()));
        return true;
      }
      for (StepSpec step : config.steps()) {
        current = step.name();
        start = options.ticker().nanoTime();
        StepResult result = steps.run(step);
        results.add(result);
        if (result.failed()) {
          return true;
        }
      }
      return true;
    } catch (InterruptedException e) {
      results.add(failed(current, start, "step '" + current + "': interrupted, test cancelled"));
      return false;
    }
  }

  private List<String> cleanup(TestConfig config, List<StepResult> results, boolean aborted) {
    // Measurements hold watches and threads; release them before deleting what they watch.
    measurements.disposeAll();
    boolean failed = aborted || results.stream().anyMatch(StepResult::failed);
    if (!failed && !config.namespace().deleteAutomanagedNamespaces()) {
      return namespaces.keptLines("deleteAutomanagedNamespaces is false");
    }
    if (options.keep()) {
      return namespaces.keptLines("--keep");
    }
    return namespaces.deleteAll();
  }

  private StepResult failed(String name, long start, String failure) {
    return new StepResult(
        name, Duration.ofNanos(options.ticker().nanoTime() - start), List.of(), List.of(failure));
  }
}
