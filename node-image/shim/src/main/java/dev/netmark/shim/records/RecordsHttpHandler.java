package dev.netmark.shim.records;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.netmark.contract.MetricNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

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
 * cursor means 0. {@code GET /records?from=end} answers an empty body whose next cursor is the seq
 * the next event will get (the end of the log, without reading it). Every answer carries {@link
 * MetricNames#RECORDS_PROTOCOL_HEADER}. A malformed or negative cursor or limit, a {@code from}
 * other than {@code end}, or {@code from} with a cursor gets status 400 with a plain-text reason.
 *
 * <p>With a token file, a request must carry {@code Authorization: Bearer <token>} (the file's
 * content without surrounding whitespace, read at every request so it can be rotated); others get
 * 401, and 503 while the file cannot be read.
 */
public final class RecordsHttpHandler implements HttpHandler {
  private final RecordLog log;
  private final Path tokenFile;

  /**
   * @param tokenFile the file holding the bearer token requests must carry, or null for none
   */
  public RecordsHttpHandler(RecordLog log, Path tokenFile) {
    this.log = log;
    this.tokenFile = tokenFile;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "only GET is supported on /records\n");
        return;
      }
      if (tokenFile != null && !authorized(exchange)) {
        return;
      }
      RecordsQuery query;
      try {
        query = RecordsQuery.parse(exchange.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "text/plain", e.getMessage() + "\n");
        return;
      }
      RecordPage page =
          query.fromEnd()
              ? new RecordPage(List.of(), log.size(), false)
              : log.read(query.cursor(), query.limit());
      StringBuilder body = new StringBuilder();
      page.lines().forEach(line -> body.append(line).append('\n'));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Long.toString(page.nextCursor()));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_MORE_HEADER, Boolean.toString(page.more()));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_PROTOCOL_HEADER, Integer.toString(MetricNames.RECORDS_PROTOCOL));
      send(exchange, 200, "application/x-ndjson", body.toString());
    }
  }

  // Answers 401 or 503 itself when the request may not read records.
  private boolean authorized(HttpExchange exchange) throws IOException {
    String token;
    try {
      token = Files.readString(tokenFile).strip();
    } catch (IOException e) {
      send(exchange, 503, "text/plain", "cannot read the records token file " + tokenFile + "\n");
      return false;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (token.isEmpty()
        || given == null
        || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      send(exchange, 401, "text/plain", "/records needs Authorization: Bearer <token>\n");
      return false;
    }
    return true;
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
