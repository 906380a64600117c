package dev.netmark.testing.local;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Netmark's own {@code probe_<class>} of a few pods, from their shim's {@code /records} (docs/
 * design.md, "The records protocol"): what the concurrent raw pings stand beside.
 */
final class SampledRecords {
  private static final int MAX_PAGES = 100;

  private SampledRecords() {}

  /**
   * Reads a shim's records from the start and keeps the PROBE records of {@code uids}.
   *
   * @param metricsAddr the shim's {@code ip:port}
   * @param into netmark's number in ms by pod UID and probe class, added to
   * @throws IOException when the shim does not answer
   */
  static void read(String metricsAddr, Set<String> uids, Map<String, Map<String, Double>> into)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      long cursor = 0;
      for (int page = 0; page < MAX_PAGES; page++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + metricsAddr
                                + MetricNames.PATH_RECORDS
                                + "?cursor="
                                + cursor
                                + "&limit="
                                + MetricNames.RECORDS_MAX_LIMIT))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IOException(metricsAddr + " answered " + r.statusCode() + ": " + r.body());
        }
        r.body().lines().filter(l -> !l.isBlank()).forEach(l -> keep(l, uids, into));
        cursor =
            Long.parseLong(
                r.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER).orElse("-1"));
        if (cursor < 0
            || !r.headers().firstValue(MetricNames.RECORDS_MORE_HEADER).orElse("").equals("true")) {
          return;
        }
      }
    }
  }

  /**
   * Keeps a PROBE record's {@code probe_<class>} under the class's name, and the {@code probe_wait}
   * of a NETWORK_READY or PROBE_FAILED record under {@link MetricNames#PROBE_WAIT}.
   */
  static void keep(String line, Set<String> uids, Map<String, Map<String, Double>> into) {
    PodEvent e = PodEventCodec.fromJson(line);
    if (!uids.contains(e.uid())) {
      return;
    }
    if (e.kind() == EventKind.NETWORK_READY || e.kind() == EventKind.PROBE_FAILED) {
      Double w = e.seconds().get(MetricNames.PROBE_WAIT);
      if (w != null) {
        into.computeIfAbsent(e.uid(), k -> new HashMap<>()).put(MetricNames.PROBE_WAIT, w * 1000);
      }
      return;
    }
    if (e.kind() != EventKind.PROBE) {
      return;
    }
    for (String cls : MetricNames.PROBE_TARGETS) {
      Double s = e.seconds().get(MetricNames.probeKey(cls));
      if (s != null) {
        into.computeIfAbsent(e.uid(), k -> new HashMap<>()).put(cls, s * 1000);
      }
    }
  }
}
