package dev.netmark.shim.metrics;

/**
 * Keys of {@link dev.netmark.contract.PodEvent#traffic()} in TRAFFIC events. Every run has {@link
 * #EXIT_CODE} and {@link #DURATION_SECONDS}; the other keys appear when the tool reports them.
 */
public final class TrafficKeys {
  private TrafficKeys() {}

  /** The tool's exit code; 0 counts as success in {@code netmark_traffic_runs_total}. */
  public static final String EXIT_CODE = "exit_code";

  /** Wall time of the run, process start to exit. */
  public static final String DURATION_SECONDS = "duration_seconds";

  /** iperf3: receiver throughput (TCP) or sender throughput (UDP), bit/s. */
  public static final String BITS_PER_SECOND = "bits_per_second";

  /** iperf3 TCP: retransmitted segments over the run. */
  public static final String RETRANSMITS = "retransmits";

  /** iperf3 UDP: jitter in milliseconds. */
  public static final String JITTER_MS = "jitter_ms";

  /** iperf3 UDP: datagrams lost, percent. ping: packet loss, percent. */
  public static final String LOST_PERCENT = "lost_percent";

  /** ping: average round-trip time in milliseconds. */
  public static final String RTT_AVG_MS = "rtt_avg_ms";

  /**
   * iperf3: how many times the client was turned away by a server serving another client and tried
   * again before this run (absent when never).
   */
  public static final String BUSY_RETRIES = "busy_retries";

  /** curl: the HTTP status code of the last response. */
  public static final String HTTP_CODE = "http_code";
}
