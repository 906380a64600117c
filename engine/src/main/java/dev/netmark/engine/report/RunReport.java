package dev.netmark.engine.report;

import dev.netmark.api.Baseline;
import dev.netmark.api.ClusterEvent;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.measurement.ActionRecord;
import dev.netmark.engine.step.RunResult;
import dev.netmark.engine.step.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the reports are made of.
 *
 * @param config the config that ran
 * @param renderedConfig the config text after FreeMarker
 * @param result what the run produced
 * @param actions every measurement action's outcome
 * @param cleanup what was deleted or kept at the end, one line each (the run's and the
 *     measurements')
 * @param clusterEvents what the provider's cluster reported (node restarts), oldest first
 * @param clusterFailure why the cluster stopped the run, or null
 * @param baselines the raw baselines the cluster measured ({@link BaselineSummary})
 * @param clusterSummaries what the cluster's own machinery took (local mode's {@code
 *     ServiceProxy}), shown after the {@code Cluster} summary
 */
public record RunReport(
    TestConfig config,
    String renderedConfig,
    RunResult result,
    List<ActionRecord> actions,
    List<String> cleanup,
    List<ClusterEvent> clusterEvents,
    String clusterFailure,
    List<Baseline> baselines,
    List<Summary> clusterSummaries) {
  private static final int SHOWN = 5;

  public RunReport {
    actions = List.copyOf(actions);
    cleanup = List.copyOf(cleanup);
    clusterEvents = List.copyOf(clusterEvents);
    baselines = List.copyOf(baselines);
    clusterSummaries = List.copyOf(clusterSummaries);
  }

  /** A report of a run whose cluster reported nothing. */
  public RunReport(
      TestConfig config,
      String renderedConfig,
      RunResult result,
      List<ActionRecord> actions,
      List<String> cleanup) {
    this(config, renderedConfig, result, actions, cleanup, List.of(), null, List.of(), List.of());
  }

  /**
   * Every summary of the run, in step order, then the {@code Cluster} summary when the cluster
   * reported anything ({@link ClusterSummary}), then the cluster's own ({@link #clusterSummaries}),
   * then {@code RawBaseline} when it measured a baseline ({@link BaselineSummary}).
   */
  public List<Summary> summaries() {
    List<Summary> out = new ArrayList<>();
    result.steps().forEach(s -> out.addAll(s.summaries()));
    ClusterSummary.of(clusterEvents, clusterFailure).ifPresent(out::add);
    out.addAll(clusterSummaries);
    BaselineSummary.of(baselines, List.copyOf(out)).ifPresent(out::add);
    return out;
  }

  /** The measurement actions of the i-th step that ran, in config order. */
  public List<ActionRecord> actionsOf(int stepIndex) {
    List<ActionRecord> out = new ArrayList<>();
    if (stepIndex >= config.steps().size()) {
      return out;
    }
    StepSpec step = config.steps().get(stepIndex);
    for (var spec : step.measurements()) {
      actions.stream().filter(a -> a.spec() == spec).forEach(out::add);
    }
    return out;
  }

  /**
   * The verdict line: {@code PASS}, or {@code FAIL (S step(s) failed, V SLO violation(s))} followed
   * by the first violations, each with its summary, metric, statistic, value and limit.
   */
  public String verdict() {
    List<String> named = violationLines();
    if (named.isEmpty()) {
      return verdictHead();
    }
    StringBuilder b = new StringBuilder(verdictHead()).append(": ");
    b.append(String.join("; ", named.subList(0, Math.min(SHOWN, named.size()))));
    if (named.size() > SHOWN) {
      b.append("; and ").append(named.size() - SHOWN).append(" more");
    }
    return b.toString();
  }

  /** {@code PASS} or {@code FAIL (S step(s) failed, V SLO violation(s))}. */
  public String verdictHead() {
    return exitCode() == 0
        ? "PASS"
        : "FAIL ("
            + failedStepCount()
            + " step(s) failed, "
            + violationCount()
            + " SLO violation(s))";
  }

  /** Every violation as {@code <Summary> <metric> <statistic> = <value> ... <limit>}. */
  public List<String> violationLines() {
    List<String> out = new ArrayList<>();
    for (Summary s : summaries()) {
      s.violations().forEach(v -> out.add(s.name() + " " + v));
    }
    return out;
  }

  public int violationCount() {
    return result.violations().size();
  }

  public int failedStepCount() {
    return (int) result.steps().stream().filter(StepResult::failed).count();
  }

  /** 0 pass, 1 a step failed or a threshold was breached. */
  public int exitCode() {
    return result.exitCode();
  }
}
