package dev.netmark.bench.gather;

import dev.netmark.contract.MetricNames;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * What the fleet's shims answer on {@code /records} and {@code /metrics}, whoever asks (a direct
 * connection or the fake node proxy), faults included: the protocol of docs/design.md, "The records
 * protocol", over {@link FleetRecords}.
 */
final class FleetShims {
  /** An answer: status, headers, body. */
  record Reply(int status, Map<String, String> headers, byte[] body) {}

  private final int nodes;
  private final FleetRecords records;
  private final Map<Integer, byte[]> runPages = new ConcurrentHashMap<>();
  private final byte[] metrics;

  FleetShims(int nodes, FleetRecords records, int podsPerNode) {
    this.nodes = nodes;
    this.records = records;
    this.metrics = FleetMetrics.text(podsPerNode).getBytes(StandardCharsets.UTF_8);
  }

  int nodes() {
    return nodes;
  }

  /** Runs recorded so far. */
  int runs() {
    return records.runs();
  }

  // Renders every node's page of the new run before it is asked for, as shims have it on disk.
  int recordRun() {
    records.recordRun();
    int run = records.runs();
    runPages.clear();
    IntStream.range(0, nodes)
        .parallel()
        .forEach(
            i -> runPages.put(i, page(new FleetNode(i), records.runStart(run), records.end())));
    return run;
  }

  /**
   * The answer of {@code node}'s shim to {@code path?rawQuery}, after the node's delay.
   *
   * @throws InterruptedException when the asker gave up during the delay
   */
  Reply answer(FleetNode node, String path, String rawQuery) throws InterruptedException {
    long delay =
        switch (node.fault()) {
          case SLOW -> FleetNode.SLOW_MS;
          case HANG -> FleetNode.HANG_MS;
          default -> 0;
        };
    Thread.sleep(delay);
    boolean garbage = node.fault() == FleetNode.Fault.GARBAGE;
    if (path.equals(MetricNames.PATH_METRICS)) {
      byte[] body =
          garbage
              ? "netmark_cni_add_duration_seconds_bucket{le=\"oops\"} x\n"
                  .getBytes(StandardCharsets.UTF_8)
              : metrics;
      return new Reply(200, Map.of(), body);
    }
    if (!path.equals(MetricNames.PATH_RECORDS)) {
      return new Reply(404, Map.of(), new byte[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (garbage) {
      // Half the garbage nodes claim the current protocol, half send no headers at all.
      if (node.index() % 2 == 0) {
        headers.put(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
        headers.put(MetricNames.RECORDS_NEXT_CURSOR_HEADER, "soon");
      }
      return new Reply(
          200, headers, "<html>502 Bad Gateway</html>\n".getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> query = query(rawQuery);
    long end = records.end();
    long cursor =
        "end".equals(query.get("from")) ? end : Long.parseLong(query.getOrDefault("cursor", "0"));
    int limit =
        Math.min(
            MetricNames.RECORDS_MAX_LIMIT,
            Integer.parseInt(
                query.getOrDefault("limit", Integer.toString(MetricNames.RECORDS_DEFAULT_LIMIT))));
    long to = Math.min(end, cursor + limit);
    int run = records.runs();
    byte[] body;
    if (cursor >= end) {
      body = new byte[0];
    } else if (run > 0 && cursor == records.runStart(run) && to == end) {
      body = runPages.get(node.index());
    } else {
      body = page(node, cursor, to);
    }
    long next = Math.max(cursor, to);
    headers.put(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
    headers.put(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Long.toString(next));
    headers.put(MetricNames.RECORDS_MORE_HEADER, Boolean.toString(next < end));
    return new Reply(200, headers, body);
  }

  private byte[] page(FleetNode node, long from, long to) {
    StringBuilder body = new StringBuilder();
    for (long seq = from; seq < to; seq++) {
      body.append(records.line(node, seq)).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return out;
  }
}
