package dev.netmark.measurements.network;

import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the window's events say about one pod (keyed by UID across kubelet retries). Each duration
 * is kept from its first event, so a repeated ADD or DEL of the same UID does not replace the first
 * measurement. Not thread-safe; one gather folds at a time.
 */
final class PodRecord {
  /** A duration and the wall-clock time of the event that carried it. */
  record Timed(double seconds, long wallMs) {
    double millis() {
      return seconds * 1000.0;
    }
  }

  private final String uid;
  private String namespace;
  private String name;
  private String node;
  private String ip;
  private final Map<String, Timed> durations = new LinkedHashMap<>();
  private final List<Map<String, Double>> trafficRuns = new ArrayList<>();
  private int trafficFailures;
  private int addFailures;
  private int probeFailures;
  private boolean added;
  private boolean deleted;
  private boolean delFailed;

  PodRecord(String uid) {
    this.uid = uid;
  }

  void apply(PodEvent e) {
    namespace = e.namespace();
    name = e.name();
    node = e.node();
    if (e.ip() != null) {
      ip = e.ip();
    }
    e.seconds().forEach((key, value) -> durations.putIfAbsent(key, new Timed(value, e.wallMs())));
    switch (e.kind()) {
      case ADD_FAILED -> addFailures++;
      case ADD -> added = true;
      case PROBE_FAILED -> probeFailures++;
      case TRAFFIC -> {
        trafficRuns.add(e.traffic());
        if (failedRun(e)) {
          trafficFailures++;
        }
      }
      case DEL -> deleted = true;
      case DEL_FAILED -> delFailed = true;
      case PROBE, NETWORK_READY, REMOVED, REQUESTS, SERVICE_READY -> {
        // Their durations were taken above; nothing else to remember.
      }
    }
  }

  String uid() {
    return uid;
  }

  String namespace() {
    return namespace;
  }

  String name() {
    return name;
  }

  String node() {
    return node;
  }

  /** The IP of the last event that had one, or null. */
  String ip() {
    return ip;
  }

  /** The first value of a duration key ({@code cni_add}, {@code probe_service}, ...), or null. */
  Timed duration(String key) {
    return durations.get(key);
  }

  /** Every duration key seen, in first-seen order. */
  Map<String, Timed> durations() {
    return java.util.Collections.unmodifiableMap(durations);
  }

  List<Map<String, Double>> trafficRuns() {
    return java.util.Collections.unmodifiableList(trafficRuns);
  }

  /**
   * Traffic runs that measured nothing: an exit code other than 0, or an error the tool reported
   * while exiting 0 (iperf3 with {@code -J} exits 0 when its server is busy with another client).
   */
  int trafficFailures() {
    return trafficFailures;
  }

  private static boolean failedRun(PodEvent e) {
    Double exit = e.traffic().get(TrafficModel.EXIT_CODE); // PodEvent never holds null
    return e.error() != null || exit == null || exit != 0;
  }

  int addFailures() {
    return addFailures;
  }

  int probeFailures() {
    return probeFailures;
  }

  boolean added() {
    return added;
  }

  /** The DEL chain completed; a failed DEL alone does not count. */
  boolean deleted() {
    return deleted;
  }

  boolean delFailed() {
    return delFailed;
  }
}
