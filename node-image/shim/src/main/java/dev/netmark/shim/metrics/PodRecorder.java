package dev.netmark.shim.metrics;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.RequestStats;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * The one way the shim records what happened to a netperf pod: each call appends a {@link PodEvent}
 * to the {@link RecordLog} and updates {@link ShimMetrics} from that same event, so {@code
 * /records} and {@code /metrics} always hold the same durations.
 *
 * <p>Durations are measured by the caller with {@link System#nanoTime()}; wall-clock timestamps are
 * taken here. Thread-safe: calls are serialized so the log order is the metrics order.
 */
public final class PodRecorder {
  private final RecordLog log;
  private final EventMetrics metrics;
  private final String node;
  private final InstantSource clock;

  private PodRecorder(RecordLog log, ShimMetrics metrics, String node, InstantSource clock) {
    this.log = log;
    this.metrics = new EventMetrics(metrics);
    this.node = Objects.requireNonNull(node, "node");
    this.clock = clock;
  }

  /**
   * Creates the recorder and replays the existing log into {@code metrics}, so counters and
   * histograms continue across a shim restart instead of starting from zero.
   *
   * @param metrics a fresh {@link ShimMetrics} used by nothing else
   */
  public static PodRecorder open(RecordLog log, ShimMetrics metrics, String node) {
    return open(log, metrics, node, InstantSource.system());
  }

  /** As {@link #open(RecordLog, ShimMetrics, String)} with a given wall clock (tests). */
  public static PodRecorder open(
      RecordLog log, ShimMetrics metrics, String node, InstantSource clock) {
    PodRecorder recorder = new PodRecorder(log, metrics, node, clock);
    synchronized (recorder) {
      log.replay(recorder.metrics::apply);
    }
    return recorder;
  }

  /** The node name written into every event. */
  public String node() {
    return node;
  }

  /** A CNI ADD attempt failed. */
  public PodEvent addFailed(PodRef pod, int attempt, String error) {
    return record(EventKind.ADD_FAILED, pod, null, attempt, Map.of(), error, Map.of());
  }

  /**
   * The CNI ADD chain succeeded.
   *
   * @param cniAdd start of this (successful) attempt to its success
   * @param cniAddTotal start of the first attempt for this pod UID to this success
   */
  public PodEvent added(PodRef pod, String ip, int attempt, Duration cniAdd, Duration cniAddTotal) {
    return record(
        EventKind.ADD,
        pod,
        ip,
        attempt,
        Map.of(
            MetricNames.CNI_ADD, seconds(cniAdd), MetricNames.CNI_ADD_TOTAL, seconds(cniAddTotal)),
        null,
        Map.of());
  }

  /**
   * A probe class succeeded: all its checks were answered.
   *
   * @param target one of {@link MetricNames#PROBE_TARGETS}
   * @param times from the end of the successful ADD to the send time of the answered attempts (the
   *     class's number), to the answers' arrival and to when the shim read them
   */
  public PodEvent probeSucceeded(
      PodRef pod, String ip, int attempt, String target, ProbeTimes times) {
    requireTarget(target);
    return record(
        EventKind.PROBE,
        pod,
        ip,
        attempt,
        Map.of(
            MetricNames.probeKey(target),
            seconds(times.sent()),
            MetricNames.probeArrivalKey(target),
            seconds(times.arrival()),
            MetricNames.probeReadKey(target),
            seconds(times.read()),
            MetricNames.probeFirstKey(target),
            seconds(times.firstSent()),
            MetricNames.probeUnansweredKey(target),
            (double) times.unanswered(),
            MetricNames.probeLateKey(target),
            seconds(times.late())),
        null,
        Map.of());
  }

  /**
   * A probe class gave up; {@code detail} says after how long and the last failure.
   *
   * @param waited from the end of the ADD to the start of probing, or null if probing never began
   */
  public PodEvent probeFailed(
      PodRef pod, String ip, int attempt, String target, String detail, Duration waited) {
    requireTarget(target);
    return record(
        EventKind.PROBE_FAILED,
        pod,
        ip,
        attempt,
        waited == null ? Map.of() : Map.of(MetricNames.PROBE_WAIT, seconds(waited)),
        ProbeEvents.failureMessage(target, detail),
        Map.of());
  }

  /**
   * Every probe class succeeded; {@code networkReady} runs from the first ADD attempt's start.
   *
   * @param waited from the end of the ADD to the start of probing (the probe targets' arrival), or
   *     null when not known
   */
  public PodEvent networkReady(
      PodRef pod, String ip, int attempt, Duration networkReady, Duration waited) {
    Map<String, Double> s =
        waited == null
            ? Map.of(MetricNames.NETWORK_READY, seconds(networkReady))
            : Map.of(
                MetricNames.NETWORK_READY,
                seconds(networkReady),
                MetricNames.PROBE_WAIT,
                seconds(waited));
    return record(EventKind.NETWORK_READY, pod, ip, attempt, s, null, Map.of());
  }

  /**
   * The traffic command finished.
   *
   * @param results keyed by {@link TrafficKeys}
   * @param error why the run failed, or null
   */
  public PodEvent traffic(
      PodRef pod, String ip, int attempt, Map<String, Double> results, String error) {
    return record(EventKind.TRAFFIC, pod, ip, attempt, Map.of(), error, results);
  }

  /** One second of a client pod's calls on one edge (docs/design.md, "Application models"). */
  public synchronized PodEvent requests(PodRef pod, String ip, int attempt, RequestStats stats) {
    return append(
        event(EventKind.REQUESTS, pod, ip, attempt, Map.of(), null, Map.of(), stats), null);
  }

  /**
   * A serving pod's first request through its Service VIP arrived.
   *
   * @param tier the pod's tier (label {@code netmark.dev/tier}), the metric's label
   * @param serviceReady from the pod's network-ready to that request's arrival
   */
  public synchronized PodEvent serviceReady(
      PodRef pod, String ip, int attempt, String tier, Duration serviceReady) {
    return append(
        event(
            EventKind.SERVICE_READY,
            pod,
            ip,
            attempt,
            Map.of(MetricNames.SERVICE_READY, seconds(serviceReady)),
            null,
            Map.of(),
            null),
        tier);
  }

  /** The CNI DEL chain finished; {@code cniDel} runs from StopPodSandbox. */
  public PodEvent deleted(PodRef pod, String ip, int attempt, Duration cniDel) {
    return record(
        EventKind.DEL,
        pod,
        ip,
        attempt,
        Map.of(MetricNames.CNI_DEL, seconds(cniDel)),
        null,
        Map.of());
  }

  /** The CNI DEL chain failed. */
  public PodEvent delFailed(PodRef pod, String ip, int attempt, String error) {
    return record(EventKind.DEL_FAILED, pod, ip, attempt, Map.of(), error, Map.of());
  }

  /** The sandbox and its network namespace were removed. */
  public PodEvent removed(PodRef pod, String ip, int attempt) {
    return record(EventKind.REMOVED, pod, ip, attempt, Map.of(), null, Map.of());
  }

  /** The most characters of error text one record keeps (docs/design.md, "Faults"). */
  public static final int MAX_ERROR_CHARS = 4096;

  // A plugin's stderr can be large; the record keeps its start, which names what failed.
  static String capped(String error) {
    if (error == null || error.length() <= MAX_ERROR_CHARS) {
      return error;
    }
    return error.substring(0, MAX_ERROR_CHARS)
        + "... ("
        + (error.length() - MAX_ERROR_CHARS)
        + " more characters cut)";
  }

  private synchronized PodEvent record(
      EventKind kind,
      PodRef pod,
      String ip,
      int attempt,
      Map<String, Double> seconds,
      String error,
      Map<String, Double> traffic) {
    return append(event(kind, pod, ip, attempt, seconds, error, traffic, null), null);
  }

  private PodEvent event(
      EventKind kind,
      PodRef pod,
      String ip,
      int attempt,
      Map<String, Double> seconds,
      String error,
      Map<String, Double> traffic,
      RequestStats requests) {
    return new PodEvent(
        0,
        kind,
        node,
        pod.namespace(),
        pod.name(),
        pod.uid(),
        ip,
        attempt,
        clock.millis(),
        seconds,
        capped(error),
        traffic,
        requests);
  }

  private synchronized PodEvent append(PodEvent event, String tier) {
    PodEvent stored = log.append(event);
    metrics.apply(stored, tier);
    return stored;
  }

  private static double seconds(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a measured duration cannot be negative: " + d);
    }
    return d.toNanos() / 1e9;
  }

  private static void requireTarget(String target) {
    if (!MetricNames.PROBE_TARGETS.contains(target)) {
      throw new IllegalArgumentException(
          "unknown probe target '" + target + "', expected one of " + MetricNames.PROBE_TARGETS);
    }
  }
}
