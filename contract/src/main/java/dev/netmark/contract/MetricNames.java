package dev.netmark.contract;

import java.util.List;
import java.util.Map;

/**
 * Names shared by the shim's {@code /metrics}, its records and the measurements' reports. The keys
 * ({@code cni_add}, ...) are the names of docs/design.md, "What is measured" and the {@code Metric}
 * label of perfdash data items.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String CNI_ADD = "cni_add";
  public static final String CNI_ADD_TOTAL = "cni_add_total";
  public static final String NETWORK_READY = "network_ready";
  public static final String CREATE_TO_NETWORK_READY = "create_to_network_ready";
  public static final String CNI_DEL = "cni_del";

  /** Probe classes, in the order the shim runs them. */
  public static final List<String> PROBE_TARGETS =
      List.of("same_node", "remote_node", "service", "external");

  /** The record and report key for a probe class: {@code probe_<target>}. */
  public static String probeKey(String target) {
    return "probe_" + target;
  }

  /**
   * The record key for when a probe class's answer reached the pod's namespace (kernel receive
   * time), from the end of the successful ADD: {@code probe_<target>_arrival}.
   */
  public static String probeArrivalKey(String target) {
    return probeKey(target) + "_arrival";
  }

  /**
   * The record key for when the shim read a probe class's answer, from the end of the successful
   * ADD: {@code probe_<target>_read}. Read minus arrival is the prober's own delay.
   */
  public static String probeReadKey(String target) {
    return probeKey(target) + "_read";
  }

  /**
   * The record key for when the first attempt of the check that dates a probe class went out, from
   * the end of the successful ADD: {@code probe_<target>_first}.
   */
  public static String probeFirstKey(String target) {
    return probeKey(target) + "_first";
  }

  /**
   * The record key for how many attempts of the check that dates a probe class went out before the
   * attempt that dates it and were not answered (0: the path worked at once). A count, the one
   * value of a record's {@code seconds} that is not a duration: {@code probe_<target>_unanswered}.
   */
  public static String probeUnansweredKey(String target) {
    return probeKey(target) + "_unanswered";
  }

  /**
   * The record key for how long after its schedule the attempt that dates a probe class went out
   * (the prober's own delay, which the class's number includes): {@code probe_<target>_late}.
   */
  public static String probeLateKey(String target) {
    return probeKey(target) + "_late";
  }

  /**
   * Successful ADD to the start of probing (a pod waits here for the first probe targets); in the
   * NETWORK_READY and PROBE_FAILED records.
   */
  public static final String PROBE_WAIT = "probe_wait";

  /**
   * A serving pod's network-ready to the arrival of its first request through its tier's Service
   * VIP; in the SERVICE_READY record.
   */
  public static final String SERVICE_READY = "service_ready";

  // Prometheus series written by the shim; base units, prefix netmark_.
  public static final String PREFIX = "netmark_";
  public static final String CNI_ADD_SECONDS = "netmark_cni_add_duration_seconds";
  public static final String CNI_ADD_TOTAL_SECONDS = "netmark_cni_add_total_duration_seconds";
  public static final String NETWORK_READY_SECONDS = "netmark_network_ready_duration_seconds";
  public static final String PROBE_SECONDS = "netmark_probe_duration_seconds";
  public static final String PROBE_WAIT_SECONDS = "netmark_probe_wait_duration_seconds";
  public static final String CNI_DEL_SECONDS = "netmark_cni_del_duration_seconds";
  public static final String CNI_ADD_ATTEMPTS = "netmark_cni_add_attempts_total";
  public static final String PODS_NETWORK_READY = "netmark_pods_network_ready_total";
  public static final String NETPERF_PODS = "netmark_netperf_pods";
  public static final String TRAFFIC_PREFIX = "netmark_traffic_";

  /** Label of {@link #PROBE_SECONDS}. */
  public static final String LABEL_TARGET = "target";

  /** Label of {@link #CNI_ADD_ATTEMPTS}: {@code success} or {@code failure}. */
  public static final String LABEL_RESULT = "result";

  /** Label of {@link #NETPERF_PODS}: the pod state. */
  public static final String LABEL_STATE = "state";

  /**
   * Histogram bucket upper bounds in seconds, 1 ms to 120 s, shared by every duration histogram so
   * quantiles from Prometheus and from records agree within one bucket.
   */
  public static final double[] BUCKETS_SECONDS = {
    0.001, 0.002, 0.004, 0.006, 0.008, 0.010, 0.015, 0.020, 0.030, 0.040, 0.050, 0.075, 0.100,
    0.150, 0.200, 0.300, 0.400, 0.500, 0.750, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.5, 10.0, 15.0, 20.0,
    30.0, 45.0, 60.0, 90.0, 120.0
  };

  /** HTTP paths of the shim's metrics server. */
  public static final String PATH_METRICS = "/metrics";

  public static final String PATH_RECORDS = "/records";
  public static final String PATH_HEALTHZ = "/healthz";

  /**
   * {@code GET /records?cursor=N&limit=L} answers events with {@code seq >= N} as JSON lines (at
   * most L, default {@link #RECORDS_DEFAULT_LIMIT}, capped at {@link #RECORDS_MAX_LIMIT}) and puts
   * the cursor of the next request in this header; it equals N when nothing was returned.
   */
  public static final String RECORDS_NEXT_CURSOR_HEADER = "X-Netmark-Next-Cursor";

  /** {@code true} when events at or after the next cursor already exist: ask again at once. */
  public static final String RECORDS_MORE_HEADER = "X-Netmark-More";

  /**
   * The version of the {@code /records} protocol a shim speaks, in this header of every answer.
   * Version 1 (shims that send no such header): {@code cursor} and {@code limit}. Version 2 adds
   * {@code from=end}: an empty answer whose {@link #RECORDS_NEXT_CURSOR_HEADER} is the seq the next
   * event will get, so a reader starts at the end of a long history in one request. A version 1
   * shim ignores {@code from} and answers from seq 0, which readers recognise by the missing
   * header.
   */
  public static final String RECORDS_PROTOCOL_HEADER = "X-Netmark-Records-Protocol";

  /**
   * The {@code /records} protocol version of this contract; see {@link #RECORDS_PROTOCOL_HEADER}.
   */
  public static final int RECORDS_PROTOCOL = 2;

  /** The query of {@code /records} that answers where the log ends (protocol version 2). */
  public static final String RECORDS_FROM_END_QUERY = "from=end";

  public static final int RECORDS_DEFAULT_LIMIT = 1000;
  public static final int RECORDS_MAX_LIMIT = 10000;

  /** Default shim metrics port, and the node annotation that overrides it. */
  public static final int DEFAULT_SHIM_PORT = 10260;

  public static final String ANNOTATION_SHIM_PORT = "netmark.dev/shim-port";

  /**
   * Pod annotation the engine sets on every object it creates: the wall-clock time of its create
   * request in epoch milliseconds, the start of {@code create_to_network_ready}. The API's
   * creationTimestamp has whole seconds only.
   */
  public static final String ANNOTATION_CREATE_REQUEST_MS = "netmark.dev/create-request-ms";

  /** The pod label that marks a netperf pod, and the value it must have. */
  public static final String NETPERF_LABEL = "netperf";

  public static final String NETPERF_VALUE = "true";

  /** Whether {@code labels} (null: none) mark a netperf pod, {@code netperf: "true"}. */
  public static boolean isNetperf(Map<String, String> labels) {
    return labels != null && NETPERF_VALUE.equals(labels.get(NETPERF_LABEL));
  }

  /**
   * The pod label of a warm-up pod: a netperf pod made network-ready before the measurements start
   * and left out of them (docs/design.md, "What is measured").
   */
  public static final String WARMUP_LABEL = "netmark.dev/warmup";

  // Application models (docs/design.md, "Application models").

  /** Pod label naming the application model a pod belongs to. */
  public static final String APP_LABEL = "netmark.dev/app";

  /** Pod label naming the tier of the application model a pod belongs to. */
  public static final String TIER_LABEL = "netmark.dev/tier";

  /** Requests of an edge by result ({@code ok} or an error cause), label {@link #LABEL_EDGE}. */
  public static final String APP_REQUESTS = "netmark_app_requests_total";

  /** Latency of answered requests of an edge, label {@link #LABEL_EDGE}. */
  public static final String APP_REQUEST_SECONDS = "netmark_app_request_duration_seconds";

  /** A serving pod's {@link #SERVICE_READY}, label {@link #LABEL_TIER}. */
  public static final String APP_SERVICE_READY_SECONDS =
      "netmark_app_service_ready_duration_seconds";

  public static final String LABEL_EDGE = "edge";
  public static final String LABEL_TIER = "tier";

  /** The container command that makes a netperf pod serve. */
  public static final String SERVE_COMMAND = "netmark-serve";

  /** The container command that makes a netperf pod call a tier. */
  public static final String CALL_COMMAND = "netmark-call";

  /**
   * HTTP request header a client sets to {@code service} when it called through the tier's Service
   * VIP; TCP clients say the same in their preamble line ({@link #TCP_PREAMBLE}).
   */
  public static final String VIA_HEADER = "X-Netmark-Via";

  /**
   * First line a TCP client sends on each connection: {@code NETMARK/1 <edge> <via>\n}. The server
   * consumes it (an echo server does not echo it back) and learns the edge and whether the
   * connection came through the Service VIP.
   */
  public static final String TCP_PREAMBLE = "NETMARK/1";
}
