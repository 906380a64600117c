package dev.netmark.api;

import java.util.List;
import java.util.Objects;

/**
 * A raw number a provider's cluster measured outside netmark, to stand beside one of netmark's
 * metrics in the report: local mode's plain CNI ADD beside {@code cni_add}, a plain ping beside
 * {@code probe_same_node}. A raw number far below netmark's says the difference is netmark's (or
 * the run's load); a raw number as high says it is the CNI's.
 *
 * @param metric the netmark metric it stands beside, e.g. {@code cni_add}
 * @param unit the unit of the samples, e.g. {@code ms}
 * @param samples one per raw pod; empty when it could not be measured
 * @param how one line: how it was measured, or why it could not be
 * @param side the report's {@code Side} label of the samples: {@link #RAW} for a number measured
 *     apart from the test, {@link #RAW_CONCURRENT} for one measured on the test's own pods while
 *     the test ran
 * @param netmark netmark's own number of the same pods, one per pod; empty to set the run's whole
 *     metric beside the raw one instead
 */
public record Baseline(
    String metric,
    String unit,
    List<Double> samples,
    String how,
    String side,
    List<Double> netmark) {
  /** {@link #side} of a number measured apart from the test (after it, on fresh pods). */
  public static final String RAW = "raw";

  /** {@link #side} of a number measured on the test's own pods while the test ran. */
  public static final String RAW_CONCURRENT = "raw-concurrent";

  /**
   * {@link #side} of the machine reference: a fixed operation, independent of the CNI under test,
   * timed on the cluster's machine while the test ran. {@code netmark compare} judges latencies
   * relative to it (docs/design.md, "Machine reference").
   */
  public static final String MACHINE = "machine";

  /**
   * Ends the {@link #how} of a {@link #MACHINE} reference whose ADDs are those that started while
   * the run's measured pods got their sandboxes: the machine those pods met. A reference without it
   * kept every ADD of the run, since too few fell in that span, and mostly times a quieter machine
   * than the pods met.
   */
  public static final String MACHINE_WHILE_MEASURED =
      "kept: those started between the first and the last measured pod's sandbox";

  public Baseline {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(how, "how");
    Objects.requireNonNull(side, "side");
    samples = List.copyOf(samples);
    netmark = List.copyOf(netmark);
  }

  /** A number measured apart from the test ({@link #RAW}), beside the run's whole metric. */
  public Baseline(String metric, String unit, List<Double> samples, String how) {
    this(metric, unit, samples, how, RAW, List.of());
  }
}
