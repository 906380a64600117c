package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.LatencyItems;
import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.Thresholds;
import dev.netmark.engine.kube.PodState;
import dev.netmark.engine.kube.PodTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Watches pods from {@code start} and turns their startup timestamps into percentiles. */
final class PodStartupLatency implements Measurement {
  static final String SUMMARY = "PodStartupLatency";
  static final String CREATE_TO_SCHEDULE = "create_to_schedule";
  static final String SCHEDULE_TO_RUN = "schedule_to_run";
  static final String RUN_TO_WATCH = "run_to_watch";
  static final String CREATE_TO_RUNNING = "create_to_running";
  static final List<String> METRICS =
      List.of(CREATE_TO_SCHEDULE, SCHEDULE_TO_RUN, RUN_TO_WATCH, CREATE_TO_RUNNING);

  // Longer than the local API server's worst stall (its watch close can block it for up to 1 min).
  static final Duration DEFAULT_RUNNING_WAIT = Duration.ofSeconds(90);

  private final MeasurementContext context;
  private PodTracker tracker;
  private String selector;

  PodStartupLatency(MeasurementContext context) {
    this.context = context;
  }

  @Override
  public List<Summary> execute(Params params) throws InterruptedException {
    String action = Actions.require(params, "start", "gather");
    if (action.equals("start")) {
      if (tracker != null) {
        throw params.error("action", "PodStartupLatency was already started");
      }
      selector = params.string("labelSelector").orElse(null);
      // All namespaces: the test's namespaces usually do not exist yet at start.
      tracker = PodTracker.start(context.kube(), List.of(), selector);
      return List.of();
    }
    if (tracker == null) {
      throw new NetmarkException(
          params.path() + ": PodStartupLatency gather without a start for the same identifier");
    }
    Thresholds thresholds = Thresholds.parse(params, METRICS);
    Set<String> namespaces = Set.copyOf(context.namespaces());
    awaitRunning(namespaces, runningWait(params));
    return List.of(summarize(tracker.snapshot(), namespaces, thresholds));
  }

  /** How long gather waits for the selected pods to be seen Running ({@code timeout}). */
  static Duration runningWait(Params params) {
    Duration wait = params.duration("timeout", DEFAULT_RUNNING_WAIT);
    if (wait.isNegative()) {
      throw params.error("timeout", "must not be negative, found " + wait);
    }
    return wait;
  }

  /**
   * Waits, on the watch, until every live pod of the test is seen Running. A pod can be
   * network-ready before kubelet reports it Running, so a gather right after waitForNetworkReady
   * would otherwise miss pods; past the wait, the summary says how many were seen.
   */
  private void awaitRunning(Set<String> namespaces, Duration wait) throws InterruptedException {
    Predicate<PodState> inTest = p -> namespaces.contains(p.namespace()) && !p.deleted();
    long live = tracker.count(inTest);
    tracker.awaitCount(inTest.and(p -> p.watchRunningMillis() != 0), live, wait);
  }

  /**
   * The summary of the pods in {@code namespaces} among {@code pods}. Phases are timed with the
   * watch's receipt times (milliseconds, this machine's clock), as clusterloader2 does: create =
   * the pod first seen, schedule = first seen bound to a node, running = first seen Running. A
   * phase whose start the watch did not see on its own (the pod was already past it when first
   * seen) falls back to the API's timestamps, which have whole-second precision; the notes count
   * those. {@code run_to_watch} always compares the container's {@code startedAt} (API) with the
   * watch.
   */
  static Summary summarize(List<PodState> pods, Set<String> namespaces, Thresholds thresholds) {
    Map<String, List<Long>> samples = new LinkedHashMap<>();
    METRICS.forEach(m -> samples.put(m, new ArrayList<>()));
    int selected = 0;
    int running = 0;
    int fallbacks = 0;
    int watched = 0;
    Set<String> seen = new HashSet<>();
    for (PodState p : pods) {
      if (!namespaces.contains(p.namespace()) || !seen.add(p.uid())) {
        continue;
      }
      selected++;
      if (p.watchRunningMillis() == 0) {
        continue;
      }
      running++;
      long created = p.firstSeenMillis();
      long bound = p.watchScheduledMillis();
      long run = p.watchRunningMillis();
      boolean sawCreate = created != 0 && bound > created;
      boolean sawBind = bound != 0 && run > bound;
      if (sawCreate) {
        samples.get(CREATE_TO_SCHEDULE).add(bound - created);
        watched++;
      } else if (add(samples.get(CREATE_TO_SCHEDULE), p.createdMillis(), p.scheduledMillis())) {
        fallbacks++;
      }
      if (sawBind) {
        samples.get(SCHEDULE_TO_RUN).add(run - bound);
        watched++;
      } else if (add(samples.get(SCHEDULE_TO_RUN), p.scheduledMillis(), p.runningMillis())) {
        fallbacks++;
      }
      add(samples.get(RUN_TO_WATCH), p.runningMillis(), run);
      if (created != 0 && run > created) {
        samples.get(CREATE_TO_RUNNING).add(run - created);
        watched++;
      } else if (add(samples.get(CREATE_TO_RUNNING), p.createdMillis(), run)) {
        fallbacks++;
      }
    }
    List<DataItem> items = new ArrayList<>();
    samples.forEach(
        (metric, values) -> {
          if (!values.isEmpty()) {
            items.add(LatencyItems.of(metric, values));
          }
        });
    List<String> notes = new ArrayList<>();
    notes.add(running + " of " + selected + " pods in the test's namespaces were seen running");
    notes.add(
        "create_to_schedule, schedule_to_run, create_to_running: watch receipt times (ms, this"
            + " machine's clock) of the pod first seen, first seen bound, first seen Running;"
            + " run_to_watch: the container's startedAt (API, whole seconds) to first seen Running");
    if (fallbacks > 0) {
      notes.add(
          fallbacks
              + " of "
              + (fallbacks + watched)
              + " phase samples used the API's timestamps (whole seconds): the watch saw the pod"
              + " only after that phase had begun");
    }
    return new Summary(SUMMARY, items, thresholds.check(items), notes);
  }

  // A phase whose start or end is unknown (0) gives no sample; clock skew can make it negative,
  // which clusterloader2 also reports as is.
  private static boolean add(List<Long> into, long from, long to) {
    if (from != 0 && to != 0) {
      into.add(to - from);
      return true;
    }
    return false;
  }

  @Override
  public void dispose() {
    if (tracker != null) {
      tracker.close();
    }
  }
}
