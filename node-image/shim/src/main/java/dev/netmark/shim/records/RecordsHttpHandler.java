package dev.netmark.shim.records;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.netmark.contract.MetricNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code GET /records?cursor=N&limit=L}.
 *
 * <p>Protocol: status 200, {@code Content-Type: application/x-ndjson}, body = the events with
 * {@code seq >= N} in seq order, one {@link dev.netmark.contract.PodEvent} JSON object per line,
 * each line ending in {@code \n}; at most L events (default {@link
 * MetricNames#RECORDS_DEFAULT_LIMIT}, values above {@link MetricNames#RECORDS_MAX_LIMIT} are
 * capped). Header {@link MetricNames#RECORDS_NEXT_CURSOR_HEADER} holds the cursor of the next
 * request (the seq after the last line, or N when the body is empty) and {@link
 * MetricNames#RECORDS_MORE_HEADER} is {@code true} when more events are already waiting. A missing
 * cursor means 0. A malformed or negative cursor or limit gets status 400 with a plain-text reason.
 */
public final class RecordsHttpHandler implements HttpHandler {
  private final RecordLog log;

  public RecordsHttpHandler(RecordLog log) {
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "only GET is supported on /records\n");
        return;
      }
      RecordsQuery query;
      try {
        query = RecordsQuery.parse(exchange.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "text/plain", e.getMessage() + "\n");
        return;
      }
      RecordPage page = log.read(query.cursor(), query.limit());
      StringBuilder body = new StringBuilder();
      page.lines().forEach(line -> body.append(line).append('\n'));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Long.toString(page.nextCursor()));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_MORE_HEADER, Boolean.toString(page.more()));
      send(exchange, 200, "application/x-ndjson", body.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
