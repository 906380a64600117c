package dev.netmark.engine.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code netmark compare}: reads the report directories of one or more baseline runs and one or
 * more candidate runs and says whether the candidate regressed (docs/design.md, "Comparing runs").
 */
public final class Compare {
  /** Exit code when a metric regressed. */
  public static final int REGRESSED = 1;

  private Compare() {}

  /**
   * How to compare.
   *
   * @param tolerance how much worse a statistic may get without counting, as a ratio (0.1 = 10%)
   * @param alpha family-wise significance level: Holm-adjusted p-values are held to it
   * @param strict metrics without samples (no test possible) worse beyond the tolerance count too
   * @param allowConfigDiff compare runs whose rendered configs differ (the difference is shown)
   * @param asMeasured judge latencies as measured even when every run has a machine reference
   *     (docs/design.md, "Machine reference")
   * @param metrics the {@code Metric} names a gate fails on ({@code --metrics}): only those are
   *     tested, and Holm's adjustment runs over their tests alone; empty for every metric
   */
  public record Options(
      double tolerance,
      double alpha,
      boolean strict,
      boolean allowConfigDiff,
      boolean asMeasured,
      Set<String> metrics) {
    public Options {
      metrics = Set.copyOf(metrics);
    }

    /** Every metric gated. */
    public Options(
        double tolerance,
        double alpha,
        boolean strict,
        boolean allowConfigDiff,
        boolean asMeasured) {
      this(tolerance, alpha, strict, allowConfigDiff, asMeasured, Set.of());
    }

    /** Latencies relative to the machine wherever every run has a reference. */
    public Options(double tolerance, double alpha, boolean strict, boolean allowConfigDiff) {
      this(tolerance, alpha, strict, allowConfigDiff, false, Set.of());
    }

    /** Whether metric {@code name} is tested and can fail the comparison. */
    boolean gates(String name) {
      return metrics.isEmpty() || metrics.contains(name);
    }

    /** The defaults of the command line. */
    public static Options defaults() {
      return new Options(DEFAULT_TOLERANCE, 0.05, false, false);
    }
  }

  /** The default tolerance (docs/reports.md says why). */
  public static final double DEFAULT_TOLERANCE = 0.10;

  /**
   * The outcome of a comparison.
   *
   * @param text the table to print
   * @param exitCode 0 no regression, 1 a regression
   */
  public record Outcome(String text, int exitCode) {}

  /** One baseline against one candidate. */
  public static Outcome run(Path baseline, Path candidate, double tolerance, double alpha) {
    return run(List.of(baseline), List.of(candidate), new Options(tolerance, alpha, false, false));
  }

  /**
   * Compares the runs in the given report directories.
   *
   * @throws IllegalArgumentException when a directory is missing or has no summaries, the runs
   *     share no metric, or their rendered configs differ without {@code allowConfigDiff}; the
   *     message says which (and shows the difference)
   * @throws dev.netmark.api.NetmarkException when a report file cannot be read
   */
  public static Outcome run(List<Path> baselines, List<Path> candidates, Options options) {
    if (baselines.isEmpty() || candidates.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one baseline and one candidate");
    }
    List<String> configNotes = checkConfigs(baselines, candidates, options.allowConfigDiff());
    Side base = Side.read("baseline", baselines);
    Side cand = Side.read("candidate", candidates);
    MachineSpeeds machine =
        options.asMeasured() ? MachineSpeeds.NONE : MachineSpeeds.read(baselines, candidates);
    RunComparison c = RunComparison.of(base, cand, machine, options);
    if (c.metrics().isEmpty()) {
      throw new IllegalArgumentException(
          "no metric in common between "
              + dirs(baselines)
              + " ("
              + c.onlyBaseline().size()
              + " metrics) and "
              + dirs(candidates)
              + " ("
              + c.onlyCandidate().size()
              + " metrics): compare reports of the same test");
    }
    checkGated(c, options.metrics());
    StringBuilder header =
        new StringBuilder("netmark compare: baseline ")
            .append(describe(baselines))
            .append(", candidate ")
            .append(describe(candidates))
            .append('\n');
    configNotes.forEach(n -> header.append(n).append('\n'));
    (options.asMeasured()
            ? List.of("machine reference: not used (--as-measured): latencies judged as measured")
            : machine.lines())
        .forEach(n -> header.append(n).append('\n'));
    header.append('\n');
    return new Outcome(
        header + CompareTable.text(c, options),
        c.regressions(options.strict()).isEmpty() ? 0 : REGRESSED);
  }

  /** Every name {@code --metrics} gives must be a metric both sides have samples of. */
  private static void checkGated(RunComparison c, Set<String> gated) {
    Set<String> testable = new TreeSet<>(c.sampled());
    Set<String> unknown = new TreeSet<>(gated);
    unknown.removeAll(testable);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--metrics "
              + String.join(",", unknown)
              + ": no such metric with samples in both sides; those that have: "
              + String.join(", ", testable));
    }
  }

  private static String describe(List<Path> dirs) {
    return dirs.size() == 1 ? dirs.getFirst().toString() : dirs.size() + " runs " + dirs(dirs);
  }

  private static String dirs(List<Path> dirs) {
    return dirs.size() == 1 ? dirs.getFirst().toString() : dirs.toString();
  }

  /**
   * Every run's rendered config against the first baseline's; a difference stops the comparison
   * unless allowed, and is then shown as notes.
   */
  private static List<String> checkConfigs(
      List<Path> baselines, List<Path> candidates, boolean allow) {
    List<Path> all = new ArrayList<>(baselines);
    all.addAll(candidates);
    all.forEach(d -> exists(baselines.contains(d) ? "baseline" : "candidate", d));
    Path ref = all.getFirst();
    List<String> refConfig = ConfigDiff.read(ref);
    List<String> notes = new ArrayList<>();
    StringBuilder differences = new StringBuilder();
    for (Path dir : all.subList(1, all.size())) {
      List<String> other = ConfigDiff.read(dir);
      if (refConfig == null || other == null) {
        notes.add(
            "note: configs not checked: no rendered-config.yaml in "
                + (refConfig == null ? ref : dir));
        continue;
      }
      List<String> diff = ConfigDiff.diff(refConfig, other);
      if (!diff.isEmpty()) {
        differences.append("--- ").append(ref).append("\n+++ ").append(dir).append('\n');
        diff.stream().limit(ConfigDiff.SHOWN).forEach(l -> differences.append(l).append('\n'));
        if (diff.size() > ConfigDiff.SHOWN) {
          differences.append("(").append(diff.size() - ConfigDiff.SHOWN).append(" more lines)\n");
        }
      }
    }
    if (!differences.isEmpty()) {
      if (!allow) {
        throw new IllegalArgumentException(
            "the runs' rendered configs differ (names and times aside), so their numbers measure"
                + " different things; --allow-config-diff compares them anyway:\n"
                + differences.toString().stripTrailing());
      }
      notes.add("note: rendered configs differ (--allow-config-diff):");
      differences.toString().lines().forEach(l -> notes.add("  " + l));
    }
    return notes;
  }

  private static void exists(String role, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "the " + role + " report directory " + dir + " does not exist or is not a directory");
    }
  }
}
