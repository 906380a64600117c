package dev.netmark.engine.step;

import dev.netmark.api.Summary;
import java.time.Instant;
import java.util.List;

/**
 * What a whole run produced, in step order. Steps after a failed one are not run.
 *
 * @param testName the config's name
 * @param started wall-clock start of the run
 * @param steps results of the steps that ran
 * @param cleanup what the run deleted at the end (namespaces, objects), one line each
 */
public record RunResult(
    String testName, Instant started, List<StepResult> steps, List<String> cleanup) {
  public RunResult {
    steps = List.copyOf(steps);
    cleanup = List.copyOf(cleanup);
  }

  public boolean failed() {
    return steps.stream().anyMatch(StepResult::failed);
  }

  public List<Summary.SloViolation> violations() {
    return steps.stream()
        .flatMap(s -> s.summaries().stream())
        .flatMap(s -> s.violations().stream())
        .toList();
  }

  /** 0 pass, 1 a step failed or a threshold was breached. */
  public int exitCode() {
    return failed() || !violations().isEmpty() ? 1 : 0;
  }
}
