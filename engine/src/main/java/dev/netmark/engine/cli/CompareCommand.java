package dev.netmark.engine.cli;

import dev.netmark.api.NetmarkException;
import dev.netmark.engine.compare.Compare;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netmark compare}: has the candidate regressed against the baseline? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares report directories metric by metric: the change of each statistic and, where both"
          + " sides kept samples, tests of the median (Mann-Whitney U), the distribution"
          + " (Kolmogorov-Smirnov) and p90/p99 (bootstrap intervals); throughput is tested on its"
          + " per-second series.",
      "A metric regressed when a tested statistic is significantly worse (Holm-adjusted p < alpha"
          + " over all tests) by more than the tolerance, or by more than the baseline runs' own"
          + " spread when several baselines are given.",
      "When every run has a machine reference (local mode times a bare CNI ADD during the run),"
          + " latencies are judged relative to it: each run's divided by its reference, tested"
          + " by bootstrap for median, p90 and p99, and a regression must also be worse as"
          + " measured. The output says by how much the machine's speed moved.",
      "Runs whose rendered configs differ (names and times aside) are refused."
    },
    footer = {
      "",
      "Examples:",
      "  netmark compare reports/main reports/pr-123",
      "  netmark compare -b base1/ -b base2/ -b base3/ -c cand1/ -c cand2/ -c cand3/",
      "  netmark compare baseline/ candidate/ --tolerance 20%% --alpha 0.01",
      "  netmark compare baseline/ candidate/ --metrics cni_add,network_ready",
      "",
      "Exit codes: 0 no regression, 1 a regression, 2 unusable input (missing directory, one"
          + " holding the files of several runs, no common metric, different configs, bad"
          + " options)."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..2",
      paramLabel = "DIR",
      description =
          "BASELINE_DIR CANDIDATE_DIR: one run each. For several runs use --baseline and"
              + " --candidate instead.")
  List<Path> positional = new ArrayList<>();

  @Option(
      names = {"-b", "--baseline"},
      paramLabel = "DIR",
      description = "Report dir of a baseline run; repeat for several runs of the same setup.")
  List<Path> baselines = new ArrayList<>();

  @Option(
      names = {"-c", "--candidate"},
      paramLabel = "DIR",
      description = "Report dir of a candidate run; repeat for several runs.")
  List<Path> candidates = new ArrayList<>();

  @Option(
      names = "--tolerance",
      paramLabel = "PCT",
      defaultValue = "10%",
      converter = PercentConverter.class,
      description =
          "How much worse a statistic may get before it counts, e.g. 10%% (default: 10%%).")
  double tolerance;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description = "Family-wise significance level over all tests, in (0, 1) (default: 0.05).")
  double alpha;

  @Option(
      names = "--strict",
      description =
          "Also fail on metrics without samples (histogram-based runs, startup latency) whose"
              + " median or average is worse by more than the tolerance; they cannot be tested,"
              + " so noise counts too.")
  boolean strict;

  @Option(
      names = "--allow-config-diff",
      description = "Compare runs whose rendered configs differ; the difference is printed.")
  boolean allowConfigDiff;

  @Option(
      names = "--as-measured",
      description = "Judge latencies as measured, not relative to the runs' machine references.")
  boolean asMeasured;

  @Option(
      names = "--metrics",
      paramLabel = "NAME",
      split = ",",
      description =
          "Test and fail on these metrics only, e.g. cni_add,network_ready (Metric names, every"
              + " summary that has them); Holm's adjustment then runs over their tests alone, so"
              + " a gate loses less power. The others are shown, not tested. Default: all.")
  List<String> metrics = new ArrayList<>();

  @Override
  public Integer call() {
    if (!(alpha > 0 && alpha < 1)) {
      throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), found " + alpha);
    }
    if (metrics.stream().anyMatch(String::isBlank)) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics needs metric names separated by commas, e.g. cni_add,network_ready; found an"
              + " empty one in '"
              + String.join(",", metrics)
              + "'");
    }
    List<Path> base = new ArrayList<>(baselines);
    List<Path> cand = new ArrayList<>(candidates);
    if (!positional.isEmpty()) {
      if (positional.size() != 2 || !base.isEmpty() || !cand.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "give BASELINE_DIR CANDIDATE_DIR, or --baseline DIR... --candidate DIR..., not both"
                + " (found "
                + positional.size()
                + " directories without an option)");
      }
      base.add(positional.get(0));
      cand.add(positional.get(1));
    }
    if (base.isEmpty() || cand.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "need at least one baseline and one candidate report directory");
    }
    Compare.Outcome outcome;
    try {
      outcome =
          Compare.run(
              base,
              cand,
              new Compare.Options(
                  tolerance,
                  alpha,
                  strict,
                  allowConfigDiff,
                  asMeasured,
                  metrics.stream().map(String::trim).collect(java.util.stream.Collectors.toSet())));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (NetmarkException e) {
      // An unreadable report is a bad argument to compare, not a failed measurement.
      throw new UsageException(e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      throw new UsageException(e.getMessage() + ": " + e.getCause().getMessage());
    }
    spec.commandLine().getOut().print(outcome.text());
    spec.commandLine().getOut().flush();
    return outcome.exitCode();
  }

  /** {@code 10%} or {@code 10} is 0.10. */
  static final class PercentConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String v = value.trim();
      double pct;
      try {
        pct = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected a percentage such as 10%, found '" + value + "'");
      }
      if (!(pct >= 0) || Double.isInfinite(pct)) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected a percentage >= 0, found '" + value + "'");
      }
      return pct / 100.0;
    }
  }
}
