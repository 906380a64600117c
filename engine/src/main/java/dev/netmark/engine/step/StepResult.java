package dev.netmark.engine.step;

import dev.netmark.api.Summary;
import java.time.Duration;
import java.util.List;

/**
 * What one step produced.
 *
 * @param name the step name
 * @param duration wall time the step took
 * @param summaries summaries of its measurement actions
 * @param failures error messages of phases or measurements that failed (not SLO violations)
 */
public record StepResult(
    String name, Duration duration, List<Summary> summaries, List<String> failures) {
  public StepResult {
    summaries = List.copyOf(summaries);
    failures = List.copyOf(failures);
  }

  public boolean failed() {
    return !failures.isEmpty();
  }
}
