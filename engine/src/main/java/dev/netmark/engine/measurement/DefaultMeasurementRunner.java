package dev.netmark.engine.measurement;

import dev.netmark.api.Measurement;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs measurement actions with one instance per (method, identifier), created at the first action
 * for it, and remembers every action's outcome for the reports.
 */
public final class DefaultMeasurementRunner implements MeasurementRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultMeasurementRunner.class);
  private final MeasurementRegistry registry;
  private final RunContext context;
  private final Map<Key, Measurement> instances = new LinkedHashMap<>();
  private final List<ActionRecord> actions = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cleanup = Collections.synchronizedList(new ArrayList<>());

  private record Key(String method, String identifier) {}

  /**
   * @param registry the measurement factories
   * @param sources metric source factories, one chosen by {@link RunEnvironment#metricSourceKind}
   *     at the first use
   * @param env what the run's measurements share
   */
  public DefaultMeasurementRunner(
      MeasurementRegistry registry,
      NamedServices<MetricSourceFactory> sources,
      RunEnvironment env) {
    this.registry = registry;
    this.context = new RunContext(env, sources);
  }

  /**
   * Takes the run's start in the shims' record logs when a measurement of the config reads from it
   * ({@link ReadsFromRunStart}). A failure leaves it at the beginning of the logs: the measurement
   * that needs the shims reports the problem when it runs.
   */
  @Override
  public void beforeTest(TestConfig config) throws InterruptedException {
    boolean needed =
        config.steps().stream()
            .flatMap(step -> step.measurements().stream())
            .anyMatch(m -> registry.factory(m.method(), m.path()) instanceof ReadsFromRunStart);
    if (!needed) {
      return;
    }
    try {
      context.markRunStart();
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot read where the shims' record logs end; reading them whole: {}", e.toString());
    }
  }

  @Override
  public List<Summary> execute(MeasurementSpec spec) throws InterruptedException {
    long start = System.nanoTime();
    Measurement measurement;
    try {
      measurement = instance(spec);
    } catch (RuntimeException e) {
      actions.add(new ActionRecord(spec, Duration.ZERO, List.of(), message(e)));
      throw e;
    }
    // One action at a time per instance, as the SPI promises; different instances run in
    // parallel.
    synchronized (measurement) {
      try {
        List<Summary> summaries = measurement.execute(spec.params());
        List<Summary> result = withNotes(summaries == null ? List.of() : summaries, spec);
        actions.add(new ActionRecord(spec, elapsed(start), result, null));
        return result;
      } catch (InterruptedException | RuntimeException e) {
        actions.add(new ActionRecord(spec, elapsed(start), List.of(), message(e)));
        throw e;
      }
    }
  }

  // What the config reader decided for the action (e.g. which thresholds apply) goes with its
  // results, where a reader of the summary looks.
  private static List<Summary> withNotes(List<Summary> summaries, MeasurementSpec spec) {
    if (spec.notes().isEmpty()) {
      return List.copyOf(summaries);
    }
    List<Summary> out = new ArrayList<>();
    for (Summary s : summaries) {
      List<String> notes = new ArrayList<>(s.notes());
      notes.addAll(spec.notes());
      out.add(s.withNotes(notes));
    }
    return List.copyOf(out);
  }

  private Measurement instance(MeasurementSpec spec) {
    Key key = new Key(spec.method(), spec.identifier());
    synchronized (instances) {
      Measurement existing = instances.get(key);
      if (existing != null) {
        return existing;
      }
      Measurement created = registry.factory(spec.method(), spec.path()).create(context);
      instances.put(key, created);
      return created;
    }
  }

  /**
   * Disposes every instance, then deletes what measurements registered for deletion (unless the run
   * keeps its objects). Idempotent: a second call does nothing.
   */
  @Override
  public void disposeAll() {
    List<Measurement> toDispose;
    synchronized (instances) {
      toDispose = new ArrayList<>(instances.values());
      instances.clear();
    }
    for (Measurement m : toDispose) {
      try {
        m.dispose();
      } catch (RuntimeException e) {
        // One broken dispose must not keep the others from releasing their watches.
        cleanup.add("dispose of " + m.getClass().getSimpleName() + " failed: " + message(e));
      }
    }
    cleanup.addAll(context.cleanUp());
  }

  /** Every action run so far, in completion order. */
  public List<ActionRecord> actions() {
    synchronized (actions) {
      return List.copyOf(actions);
    }
  }

  /** What {@link #disposeAll} deleted or failed to release, one line each. */
  public List<String> cleanup() {
    synchronized (cleanup) {
      return List.copyOf(cleanup);
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String message(Throwable e) {
    if (e instanceof InterruptedException) {
      return "interrupted";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
