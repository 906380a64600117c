package dev.netmark.measurements.source;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one node's {@code /records}, following the shim's {@link
 * MetricNames#RECORDS_NEXT_CURSOR_HEADER} and {@link MetricNames#RECORDS_MORE_HEADER}: a page that
 * says nothing more waits is the last one, with no empty request after it. An answer without those
 * headers (a reader in front of the shim that drops them) is read as before them: the cursor after
 * the last event, until a page comes back empty.
 */
final class NodeRecords {
  /** Pages of records read from one node in one call, so one busy node can't stall a read. */
  static final int MAX_PAGES_PER_READ = 50;

  /** Pages an old shim's history is read for its end, at most {@code RECORDS_MAX_LIMIT} each. */
  static final int MAX_PAGES_TO_END = 10_000;

  /** What one node gave: its events, where to continue, and whether more already waits there. */
  record Read(List<PodEvent> events, long next, boolean more) {}

  private record Page(List<String> lines, long next, boolean more) {}

  private NodeRecords() {}

  /**
   * One copy of each node, namespace, name, UID and IP among one node's events: a pod's events
   * repeat them, and a gather over thousands of nodes holds every event at once.
   */
  private static final class SharedStrings {
    private final Map<String, String> seen = new HashMap<>();

    PodEvent share(PodEvent e) {
      return e.withIdentity(this::one);
    }

    private String one(String s) {
      return s == null ? null : seen.computeIfAbsent(s, k -> k);
    }
  }

  /** The events from {@code cursor} on, up to {@link #MAX_PAGES_PER_READ} pages. */
  static Read read(ShimClient client, String node, long cursor) throws Exception {
    List<PodEvent> events = new ArrayList<>();
    SharedStrings strings = new SharedStrings();
    long next = cursor;
    boolean more = true;
    for (int n = 0; more && n < MAX_PAGES_PER_READ; n++) {
      Page page = page(node, client.get(node, MetricNames.PATH_RECORDS + "?cursor=" + next), next);
      page.lines().forEach(line -> events.add(strings.share(PodEventCodec.fromJson(line))));
      next = page.next();
      more = page.more();
    }
    return new Read(events, next, more);
  }

  /**
   * The seq the node's next event will get. One request to a shim of records protocol 2; an older
   * shim ignores {@code from=end} and answers from its beginning, so its history is read to the
   * end.
   */
  static long end(ShimClient client, String node) throws Exception {
    ShimResponse answer =
        client.get(node, MetricNames.PATH_RECORDS + "?" + MetricNames.RECORDS_FROM_END_QUERY);
    Optional<String> protocol = answer.header(MetricNames.RECORDS_PROTOCOL_HEADER);
    if (protocol.isPresent() && number(node, MetricNames.RECORDS_PROTOCOL_HEADER, protocol) >= 2) {
      return number(node, MetricNames.RECORDS_NEXT_CURSOR_HEADER, nextCursor(answer));
    }
    Page page = page(node, answer, 0);
    for (int n = 0; page.more() && n < MAX_PAGES_TO_END; n++) {
      String query = "?cursor=" + page.next() + "&limit=" + MetricNames.RECORDS_MAX_LIMIT;
      page = page(node, client.get(node, MetricNames.PATH_RECORDS + query), page.next());
    }
    return page.next();
  }

  private static Page page(String node, ShimResponse answer, long cursor) throws IOException {
    List<String> lines = answer.body().lines().filter(l -> !l.isBlank()).toList();
    Optional<String> next = nextCursor(answer);
    if (next.isPresent()) {
      boolean more =
          answer.header(MetricNames.RECORDS_MORE_HEADER).map(Boolean::parseBoolean).orElse(false);
      return new Page(lines, number(node, MetricNames.RECORDS_NEXT_CURSOR_HEADER, next), more);
    }
    if (lines.isEmpty()) {
      return new Page(lines, cursor, false);
    }
    return new Page(lines, PodEventCodec.fromJson(lines.getLast()).seq() + 1, true);
  }

  private static Optional<String> nextCursor(ShimResponse answer) {
    return answer.header(MetricNames.RECORDS_NEXT_CURSOR_HEADER);
  }

  private static long number(String node, String header, Optional<String> value)
      throws IOException {
    String text = value.orElse("");
    try {
      long n = Long.parseLong(text.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the header's name.
    }
    throw new IOException(
        "the shim of " + node + " answered " + header + ": '" + text + "', not an integer >= 0");
  }
}
