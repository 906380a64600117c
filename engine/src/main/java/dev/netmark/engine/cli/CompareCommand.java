package dev.netmark.engine.cli;

import dev.netmark.api.NetmarkException;
import dev.netmark.engine.compare.Compare;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netmark compare}: has the candidate run regressed against the baseline run? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares two report directories metric by metric: the change of each percentile and, where"
          + " both runs kept per-pod samples, a Mann-Whitney U test.",
      "A metric regressed when it is significantly worse (p < alpha) and its median is worse by"
          + " more than the tolerance."
    },
    footer = {
      "",
      "Examples:",
      "  netmark compare reports/main reports/pr-123",
      "  netmark compare baseline/ candidate/ --tolerance 5%% --alpha 0.01",
      "  netmark compare baseline/ candidate/ --strict",
      "",
      "Exit codes: 0 no regression, 1 a regression, 2 bad usage (missing directory, no common"
          + " metric)."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "BASELINE_DIR",
      description = "Report dir of the reference run.")
  Path baseline;

  @Parameters(
      index = "1",
      paramLabel = "CANDIDATE_DIR",
      description = "Report dir of the run to judge.")
  Path candidate;

  @Option(
      names = "--tolerance",
      paramLabel = "PCT",
      defaultValue = "10%",
      converter = PercentConverter.class,
      description = "How much worse a median may get before it counts, e.g. 10%% (default: 10%%).")
  double tolerance;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description = "Significance level of the test, in (0, 1) (default: 0.05).")
  double alpha;

  @Option(
      names = "--strict",
      description =
          "Also fail on metrics without per-pod samples (throughput, histogram-based runs) whose"
              + " median or average is worse by more than the tolerance; they cannot be tested,"
              + " so noise counts too.")
  boolean strict;

  @Override
  public Integer call() {
    if (!(alpha > 0 && alpha < 1)) {
      throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), found " + alpha);
    }
    Compare.Outcome outcome;
    try {
      outcome = Compare.run(baseline, candidate, tolerance, alpha, strict);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (NetmarkException e) {
      // An unreadable report is a bad argument to compare, not a failed measurement.
      throw new UsageException(e.getMessage());
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
