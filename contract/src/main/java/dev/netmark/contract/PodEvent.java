package dev.netmark.contract;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One line of a shim's {@code /records}: something that happened to one netperf pod.
 *
 * @param seq position in the shim's record log, starting at 0; {@code /records?cursor=N} returns
 *     events with {@code seq >= N}
 * @param kind what happened
 * @param node the node the shim runs on
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's UID, the key across kubelet retries
 * @param ip the pod's IP once ADD succeeded, else null
 * @param attempt the ADD attempt this event belongs to, from 1
 * @param wallMs wall-clock time of the event in epoch milliseconds
 * @param seconds durations measured with a monotonic clock, keyed by {@link MetricNames} keys
 *     ({@code cni_add}, {@code cni_add_total}, {@code probe_<target>}, {@code network_ready},
 *     {@code cni_del})
 * @param error the failure message for failed events, else null
 * @param traffic traffic-model results ({@code bits_per_second}, {@code retransmits}, ...), else
 *     empty
 * @param requests one second of an application model's calls ({@link EventKind#REQUESTS}), else
 *     null
 */
public record PodEvent(
    long seq,
    EventKind kind,
    String node,
    String namespace,
    String name,
    String uid,
    String ip,
    int attempt,
    long wallMs,
    Map<String, Double> seconds,
    String error,
    Map<String, Double> traffic,
    RequestStats requests) {

  public PodEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(uid, "uid");
    seconds = seconds == null ? Map.of() : Map.copyOf(seconds);
    traffic = traffic == null ? Map.of() : Map.copyOf(traffic);
  }

  /** An event without application requests (every kind but {@link EventKind#REQUESTS}). */
  public PodEvent(
      long seq,
      EventKind kind,
      String node,
      String namespace,
      String name,
      String uid,
      String ip,
      int attempt,
      long wallMs,
      Map<String, Double> seconds,
      String error,
      Map<String, Double> traffic) {
    this(seq, kind, node, namespace, name, uid, ip, attempt, wallMs, seconds, error, traffic, null);
  }

  /** The same event at another position of the log. */
  public PodEvent withSeq(long newSeq) {
    return new PodEvent(
        newSeq, kind, node, namespace, name, uid, ip, attempt, wallMs, seconds, error, traffic,
        requests);
  }

  /**
   * This event with its identity strings (node, namespace, name, UID, IP) passed through {@code
   * intern}: a reader that holds many events of the same pods keeps one copy of each.
   */
  public PodEvent withIdentity(UnaryOperator<String> intern) {
    return new PodEvent(
        seq,
        kind,
        intern.apply(node),
        intern.apply(namespace),
        intern.apply(name),
        intern.apply(uid),
        intern.apply(ip),
        attempt,
        wallMs,
        seconds,
        error,
        traffic,
        requests);
  }
}
