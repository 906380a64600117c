package dev.netmark.engine.step;

import dev.netmark.api.Summary;
import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.PhaseSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.measurement.MeasurementRunner;
import dev.netmark.engine.tuningset.TuningSets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one step: its phases and measurement actions in parallel. The first failure cancels the rest
 * of the step (a failed step ends the run anyway); failures are recorded with the step name and the
 * config path of the phase or measurement.
 */
final class StepExecutor {
  private final PhaseExecutor phases;
  private final MeasurementRunner measurements;
  private final TuningSets tuningSets;
  private final Function<PhaseSpec, List<String>> namespacesOf;
  private final Ticker ticker;

  StepExecutor(
      PhaseExecutor phases,
      MeasurementRunner measurements,
      TuningSets tuningSets,
      Function<PhaseSpec, List<String>> namespacesOf,
      Ticker ticker) {
    this.phases = phases;
    this.measurements = measurements;
    this.tuningSets = tuningSets;
    this.namespacesOf = namespacesOf;
    this.ticker = ticker;
  }

  /** One parallel part of a step and what it yields. */
  private record Part(String path, Callable<List<Summary>> work) {}

  /**
   * Runs the step.
   *
   * @throws InterruptedException when interrupted; the step's parts are cancelled first
   */
  StepResult run(StepSpec step) throws InterruptedException {
    long start = ticker.nanoTime();
    List<Part> parts = new ArrayList<>();
    for (PhaseSpec phase : step.phases()) {
      parts.add(new Part(phase.path(), () -> runPhase(phase)));
    }
    for (MeasurementSpec m : step.measurements()) {
      parts.add(new Part(m.path(), () -> measurements.execute(m)));
    }
    List<List<Summary>> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      ExecutorCompletionService<List<Summary>> done = new ExecutorCompletionService<>(pool);
      List<Future<List<Summary>>> futures = new ArrayList<>();
      for (Part part : parts) {
        futures.add(done.submit(part.work()));
        results.add(List.of());
      }
      try {
        for (int i = 0; i < parts.size(); i++) {
          Future<List<Summary>> f = done.take();
          int index = futures.indexOf(f);
          try {
            results.set(index, f.get());
          } catch (ExecutionException e) {
            failures.add(describe(step, parts.get(index).path(), e.getCause()));
            futures.forEach(other -> other.cancel(true));
          } catch (CancellationException e) {
            // Cancelled because another part failed; that failure is already recorded.
          }
        }
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        throw e;
      }
    }
    List<Summary> summaries = results.stream().flatMap(List::stream).toList();
    return new StepResult(
        step.name(), Duration.ofNanos(ticker.nanoTime() - start), summaries, failures);
  }

  private List<Summary> runPhase(PhaseSpec phase) throws InterruptedException {
    phases.run(phase, namespacesOf.apply(phase), tuningSets.get(phase.tuningSet(), phase.path()));
    return List.of();
  }

  static String describe(StepSpec step, String path, Throwable cause) {
    String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    return "step '" + step.name() + "' " + path + ": " + why;
  }
}
