package dev.netmark.engine.compare;

import java.util.Locale;
import java.util.TreeSet;

/** The text {@code netmark compare} prints: one block per metric, then the verdict. */
final class CompareTable {
  private CompareTable() {}

  static String text(RunComparison c, Compare.Options o) {
    double alpha = o.alpha();
    StringBuilder b = new StringBuilder();
    b.append(f("%-9s %14s %14s %13s %9s%n", "", "baseline", "candidate", "change", "change%"));
    for (MetricComparison m : c.metrics()) {
      b.append(f("%n%s (%s): %s", m.key().display(), m.unit(), label(m, alpha, o.strict())));
      if (m.tested()) {
        b.append(f(", %s p=%.4g", m.tests().getFirst().method(), m.pValue()));
      }
      if (!Double.isNaN(m.medianWorsening())) {
        b.append(
            f(
                ", %s %s%s",
                m.basis(),
                m.medianWorsening() > 0 ? "worse by " : "better by ",
                pct(Math.abs(m.medianWorsening()))));
      }
      b.append('\n');
      for (StatChange s : m.stats()) {
        b.append(
            f(
                "  %-7s %14.3f %14.3f %+13.3f %9s%n",
                s.stat(), s.baseline(), s.candidate(), s.delta(), signedPct(s.relative())));
      }
      for (StatTest t : m.tests()) {
        b.append(test(t, alpha));
      }
      b.append(untestedTails(m));
    }
    c.onlyBaseline().forEach(k -> b.append(f("%nonly in the baseline: %s%n", k.display())));
    c.onlyCandidate().forEach(k -> b.append(f("%nonly in the candidate: %s%n", k.display())));
    long tested = c.metrics().stream().filter(MetricComparison::tested).count();
    var regressions = c.regressions(o.strict());
    b.append(
        f(
            "%n%d metrics compared, %d tested on samples with %d tests (tolerance %s, alpha %s"
                + " family-wise, Holm%s%s)%n",
            c.metrics().size(),
            tested,
            c.testCount(),
            pct(o.tolerance()),
            alpha,
            o.metrics().isEmpty()
                ? ""
                : " over the tests of --metrics " + String.join(",", new TreeSet<>(o.metrics())),
            o.strict() ? ", strict: untested metrics worse beyond the tolerance count" : ""));
    if (regressions.isEmpty()) {
      b.append("Verdict: no significant regression\n");
    } else {
      b.append("Verdict: REGRESSION in ").append(regressions.size()).append(" metric(s):");
      regressions.forEach(r -> b.append(' ').append(r.key().display()).append(';'));
      b.setLength(b.length() - 1);
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * The tails a metric with sample tests was not tested on: with too few samples the percentile is
   * their maximum ({@link MetricTests#estimable}).
   */
  private static String untestedTails(MetricComparison m) {
    StringBuilder b = new StringBuilder();
    boolean sampled = m.tests().stream().anyMatch(t -> !t.name().equals("per-second"));
    for (int p : new int[] {90, 99}) {
      if (sampled && m.tests().stream().noneMatch(t -> t.name().equals("p" + p))) {
        b.append(
            f(
                "    test %-14s not tested: fewer than %d samples on a side, so p%d is their"
                    + " maximum, which a bootstrap cannot judge%n",
                "p" + p + ":", MetricTests.fewestFor(p), p));
      }
    }
    return b.toString();
  }

  /**
   * {@code test p99: worse by 41.0% (95% CI +20.1%..+63.5%), bootstrap p=0.000250, Holm p=0.00800:
   * REGRESSION (beyond 10.0%)}.
   */
  private static String test(StatTest t, double alpha) {
    StringBuilder b = new StringBuilder(f("    test %-14s ", t.name() + ":"));
    boolean relative = !Double.isNaN(t.measured());
    b.append(t.worsening() >= 0 ? "worse by " : "better by ").append(pct(Math.abs(t.worsening())));
    if (relative) {
      b.append(" relative to the machine");
    }
    if (!Double.isNaN(t.lowRel())) {
      b.append(
          f(
              " (%.0f%% CI %s..%s)",
              (1 - alpha) * 100, signedPct(t.lowRel()), signedPct(t.highRel())));
    }
    if (relative) {
      b.append(", ").append(measured(t));
    }
    if (!Double.isNaN(t.statistic())) {
      b.append(f(" (D=%.3f)", t.statistic()));
    }
    b.append(f(", %s p=%.3g, Holm p=%.3g: ", t.method(), t.pValue(), t.pAdjusted()));
    String min = pct(t.minEffect());
    b.append(
        switch (t.outcome(alpha)) {
          case REGRESSION -> "REGRESSION (beyond " + min + ")";
          case IMPROVEMENT -> "improvement (beyond " + min + ")";
          case SIGNIFICANT_WITHIN_TOLERANCE -> "significant, within " + min;
          case RELATIVE_ONLY -> "beyond " + min + " relative to the machine only, not as measured";
          case NOT_SIGNIFICANT -> "not significant";
        });
    return b.append('\n').toString();
  }

  /** {@code as measured worse by 210.0%}. */
  private static String measured(StatTest t) {
    return "as measured "
        + (t.measured() >= 0 ? "worse by " : "better by ")
        + pct(Math.abs(t.measured()));
  }

  private static String label(MetricComparison m, double alpha, boolean strict) {
    return switch (m.verdict()) {
      case REGRESSION -> "REGRESSION";
      case IMPROVEMENT -> "improvement";
      case SAME ->
          m.tests().stream().anyMatch(t -> t.pAdjusted() < alpha)
              ? "significant, within tolerance"
              : "no significant change";
      case UNTESTED_WORSE ->
          (strict ? "REGRESSION (--strict), " : "")
              + "worse beyond tolerance, untested (no samples in both runs)";
      case UNTESTED -> "within tolerance, untested (no samples in both runs)";
      case NOT_GATED -> "not tested (not in --metrics)";
    };
  }

  private static String pct(double ratio) {
    return Double.isInfinite(ratio) ? "inf%" : f("%.1f%%", ratio * 100);
  }

  private static String signedPct(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : f("%+.1f%%", ratio * 100);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
