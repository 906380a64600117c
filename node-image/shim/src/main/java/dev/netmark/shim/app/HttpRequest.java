package dev.netmark.shim.app;

import dev.netmark.contract.MetricNames;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 request as the built-in server reads it: the head, then {@code Content-Length} bytes
 * of body, read and discarded. A request the server will not read is refused from its head, before
 * any body: a head over {@link #MAX_HEAD} bytes, a body over {@link #MAX_BODY} bytes, a body
 * without a length, a request line that is not HTTP/1 (docs/design.md, "How the shim serves and
 * calls"). Loop thread only.
 */
final class HttpRequest {
  static final int MAX_HEAD = 8192;

  /** The largest body read: the largest {@code --size} a {@code netmark-call} may send. */
  static final long MAX_BODY = CallOptions.MAX_SIZE;

  private static final List<String> METHODS = List.of("GET", "POST");
  private static final String VIA = MetricNames.VIA_HEADER.toLowerCase(Locale.ROOT);

  private final StringBuilder head = new StringBuilder();
  private boolean headDone;
  private String method;
  private boolean viaService;
  private long bodyLeft;
  private String status;
  private String reason = "";
  private boolean refused;

  /** Takes the next bytes; those past the request's body are ignored. */
  void consume(byte[] data, int n) {
    int at = 0;
    while (!headDone && status == null && at < n) {
      char c = (char) (data[at++] & 0xff);
      head.append(c);
      int len = head.length();
      if (c == '\n' && len >= 4 && head.charAt(len - 2) == '\r' && head.charAt(len - 3) == '\n') {
        headDone = true;
        parseHead();
      } else if (len >= MAX_HEAD) {
        refuse("431 Request Header Fields Too Large", "request head over " + MAX_HEAD + " bytes");
      }
    }
    if (headDone && status == null) {
      bodyLeft -= Math.min(bodyLeft, n - at);
      if (bodyLeft == 0) {
        status = METHODS.contains(method) ? "200 OK" : "405 Method Not Allowed";
        reason = status.startsWith("200") ? "" : "method " + method + ": only GET and POST";
      }
    }
  }

  private void parseHead() {
    String[] lines = head.toString().split("\r\n");
    String[] line = lines[0].split(" ", -1);
    if (line.length != 3 || line[0].isEmpty() || !line[2].startsWith("HTTP/1.")) {
      refuse("400 Bad Request", "not an HTTP/1 request line");
      return;
    }
    method = line[0];
    long length = -1;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      if (name.equals("content-length")) {
        if (!value.matches("[0-9]{1,18}") || (length >= 0 && length != Long.parseLong(value))) {
          refuse("400 Bad Request", "bad Content-Length '" + value + "'");
        } else {
          length = Long.parseLong(value);
        }
      } else if (name.equals("transfer-encoding")) {
        refuse("411 Length Required", "a request body needs Content-Length, not chunks");
      } else if (name.equals(VIA)) {
        viaService = value.equals("service");
      }
    }
    if (length > MAX_BODY) {
      refuse(
          "413 Content Too Large",
          "request body of " + length + " bytes is over the server's bound of " + MAX_BODY);
    }
    bodyLeft = Math.max(0, length);
  }

  /** Answers with the first refusal found. */
  private void refuse(String statusLine, String why) {
    if (status != null) {
      return;
    }
    status = statusLine;
    reason = why;
    refused = true;
  }

  /** The head is in: {@link #viaService()} is known. */
  boolean headDone() {
    return headDone;
  }

  /** The client says it came through the Service VIP ({@code X-Netmark-Via: service}). */
  boolean viaService() {
    return viaService;
  }

  /** The status line to answer with ({@code 200 OK}), or null while the request is coming in. */
  String status() {
    return status;
  }

  /** Why the request is not answered 200 (the answer's body); empty for 200. */
  String reason() {
    return reason;
  }

  /** Answered before the whole request was read: what the client still sends is discarded. */
  boolean refused() {
    return refused;
  }
}
