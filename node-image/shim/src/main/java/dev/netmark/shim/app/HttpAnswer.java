package dev.netmark.shim.app;

/**
 * An HTTP/1.1 answer as it arrives: the status line and headers, then {@code Content-Length} bytes
 * of body (or the body up to the end of stream when there is no length).
 */
final class HttpAnswer {
  static final int MAX_HEAD = 8192;

  private final StringBuilder head = new StringBuilder();
  private boolean headDone;
  private long length = -1;
  private long body;

  /**
   * Takes the next bytes.
   *
   * @return null, or the cause when the answer fails: {@code status} (400 or above, or not HTTP)
   */
  String consume(byte[] data, int n) {
    int at = 0;
    while (!headDone && at < n) {
      char c = (char) (data[at++] & 0xff);
      head.append(c);
      int len = head.length();
      if (c == '\n' && len >= 4 && head.charAt(len - 2) == '\r' && head.charAt(len - 3) == '\n') {
        headDone = true;
        String failed = parseHead();
        if (failed != null) {
          return failed;
        }
      } else if (len >= MAX_HEAD) {
        return "status";
      }
    }
    body += n - at;
    return null;
  }

  private String parseHead() {
    String[] lines = head.toString().split("\r\n");
    String[] status = lines[0].split(" ", 3);
    int code;
    try {
      code = status.length >= 2 && status[0].startsWith("HTTP/") ? Integer.parseInt(status[1]) : -1;
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code < 100 || code >= 400) {
      return "status";
    }
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("content-length")) {
        try {
          length = Long.parseLong(line.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
          return "status";
        }
      }
    }
    return null;
  }

  /** The head and the announced body are in. */
  boolean complete() {
    return headDone && length >= 0 && body >= length;
  }

  /** At the end of stream: complete, or a head without a length whose body ends here. */
  boolean completeAtEnd() {
    return complete() || (headDone && length < 0);
  }
}
