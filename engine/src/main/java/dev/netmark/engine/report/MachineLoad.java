package dev.netmark.engine.report;

import dev.netmark.api.Baseline;
import dev.netmark.api.Percentiles;
import dev.netmark.contract.MetricNames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How loaded the machine was while the measured pods were created (docs/design.md, "Machine load"):
 * the machine reference's median ADD during the test over the raw baseline's median ADD of the
 * node's whole chain after it, on the idle machine. At {@value #SATURATED} times or more the run's
 * latencies hold the machine's queue for a core as well as the CNI's work, which the report says in
 * words: a user of local mode reads a 1.4 s {@code cni_add} of a 60 ms CNI otherwise as the CNI's
 * (or netmark's) number.
 */
public final class MachineLoad {
  /**
   * The slowdown from which a run is called saturated. Runs that the machine keeps up with read
   * 0.7–2.4 on the 2-core build machine (pod-flux on 10 nodes, 300 pods on 2 nodes at 10/s or on 10
   * nodes at 5/s); 300 pods on 10 nodes at 10/s read 12–22. A reference timed over the whole run
   * reads lower than the machine the pods met (the default 3 x 10 pods: 1.4–4.2 over eight runs
   * while their {@code cni_add} was 6–13 times the idle one), which the note says.
   */
  static final double SATURATED = 3.0;

  private MachineLoad() {}

  /** The note, when the baselines hold both the machine reference and the raw {@code cni_add}. */
  static Optional<String> note(List<Baseline> baselines) {
    return Reading.of(baselines).map(Reading::note);
  }

  /**
   * The line {@code summary.txt} prints under the verdict of a saturated run, so a reader of the
   * verdict alone learns that its latencies hold the machine's queue; none otherwise.
   */
  public static Optional<String> warning(List<Baseline> baselines) {
    return Reading.of(baselines)
        .filter(Reading::saturated)
        .map(
            r ->
                String.format(
                    Locale.ROOT,
                    "Warning: the machine was saturated while the measured pods were created (its"
                        + " reference ADD %.1f times its idle one, see RawBaseline): the latencies"
                        + " include waiting for its cores",
                    r.slowdown()));
  }

  /** The two medians and their ratio. */
  private record Reading(Baseline machine, double busy, Baseline idle, double quiet) {
    static Optional<Reading> of(List<Baseline> baselines) {
      Optional<Baseline> machine = find(baselines, Baseline.MACHINE, null);
      Optional<Baseline> idle = find(baselines, Baseline.RAW, MetricNames.CNI_ADD);
      if (machine.isEmpty() || idle.isEmpty()) {
        return Optional.empty();
      }
      double busy = median(machine.get());
      double quiet = median(idle.get());
      // A ratio needs two positive medians.
      return busy > 0 && quiet > 0
          ? Optional.of(new Reading(machine.get(), busy, idle.get(), quiet))
          : Optional.empty();
    }

    double slowdown() {
      return busy / quiet;
    }

    boolean saturated() {
      return slowdown() >= SATURATED;
    }

    // Whether the reference holds the ADDs timed while the measured pods were created, or, too few
    // of those, every ADD of the run.
    boolean whileMeasured() {
      return machine.how().contains(Baseline.MACHINE_WHILE_MEASURED);
    }

    String note() {
      String measured =
          String.format(
              Locale.ROOT,
              "%s Perc50 %.3f %s %s, %.1f times the raw %s"
                  + " Perc50 (%.3f %s, the node's whole chain after the test on the idle machine)",
              machine.metric(),
              busy,
              machine.unit(),
              whileMeasured()
                  ? "while the measured pods were created"
                  : "over the whole run (too few ADDs fell while the measured pods were created)",
              slowdown(),
              MetricNames.CNI_ADD,
              quiet,
              idle.unit());
      if (!saturated()) {
        // Mostly the quieter machine before and after the pods: the pods may have met a busier one.
        return "machine load: "
            + measured
            + (whileMeasured() ? "" : "; it can understate the load the measured pods met");
      }
      return "machine SATURATED: "
          + measured
          + ": the pods' cni_add and network_ready include waiting for the machine's cores, not"
          + " only the CNI's work; create pods more slowly (e.g. POD_QPS) or on fewer nodes to"
          + " measure the CNI rather than the machine";
    }
  }

  private static Optional<Baseline> find(List<Baseline> baselines, String side, String metric) {
    return baselines.stream()
        .filter(b -> b.side().equals(side) && (metric == null || b.metric().equals(metric)))
        .filter(b -> !b.samples().isEmpty() && b.unit().equals("ms"))
        .findFirst();
  }

  private static double median(Baseline b) {
    return Percentiles.of(b.samples()).get(50);
  }
}
