package dev.netmark.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one client pod's calls on one edge of an application model did in one wall-clock second: the
 * payload of a {@link EventKind#REQUESTS} event (docs/design.md, "Application models").
 *
 * <p>A request belongs to the second in which it was <em>sent</em>; it is written once it has
 * finished (answered, failed or timed out), so a second's event is written once every request sent
 * in it has finished. A request still open when its pod stops is finished as an error with cause
 * {@code stopped}.
 *
 * @param edge {@code <client tier>-><server tier>}
 * @param protocol {@code http}, {@code tcp} or {@code icmp}
 * @param via {@code service} (the server tier's Service VIP) or {@code pod} (a ready pod of it)
 * @param secondMs start of the wall-clock second, epoch milliseconds (a multiple of 1000)
 * @param requests requests sent in that second (answered or not)
 * @param latencyMs the answered requests' latencies in milliseconds (send to last byte of the
 *     answer), in the order they finished; at most {@link #MAX_SAMPLES}: beyond that, a uniform
 *     sample of them (then {@code answered} is larger than the list)
 * @param answered how many were answered (status below 400 for HTTP)
 * @param errors failed requests by cause ({@link #CAUSES})
 * @param errorTargets failed requests by the address they were sent to: the server pod's IP for
 *     {@code pod} edges, the VIP for {@code service} edges
 */
public record RequestStats(
    String edge,
    String protocol,
    String via,
    long secondMs,
    int requests,
    List<Double> latencyMs,
    int answered,
    Map<String, Integer> errors,
    Map<String, Integer> errorTargets) {

  /** At most this many latencies per event. */
  public static final int MAX_SAMPLES = 1000;

  /**
   * Why a request failed: {@code refused} (RST to the SYN), {@code reset} (RST after connect),
   * {@code timeout} (no answer within the edge's request timeout), {@code unreachable} (ICMP error,
   * no route), {@code status} (HTTP status 400 or above), {@code short} (connection closed before
   * the whole answer), {@code no_target} (the placeholder had no ready pod or no VIP), {@code
   * stopped} (the client pod stopped first).
   */
  public static final List<String> CAUSES =
      List.of(
          "refused", "reset", "timeout", "unreachable", "status", "short", "no_target", "stopped");

  public static final String VIA_SERVICE = "service";
  public static final String VIA_POD = "pod";
  public static final List<String> PROTOCOLS = List.of("http", "tcp", "icmp");

  public RequestStats {
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(via, "via");
    latencyMs = latencyMs == null ? List.of() : List.copyOf(latencyMs);
    errors = errors == null ? Map.of() : Map.copyOf(errors);
    errorTargets = errorTargets == null ? Map.of() : Map.copyOf(errorTargets);
  }

  /** Failed requests of every cause. */
  public int failed() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The client tier, the part of {@link #edge} before {@code ->}. */
  public String clientTier() {
    return edge.substring(0, edge.indexOf("->"));
  }

  /** The server tier, the part of {@link #edge} after {@code ->}. */
  public String serverTier() {
    return edge.substring(edge.indexOf("->") + 2);
  }
}
