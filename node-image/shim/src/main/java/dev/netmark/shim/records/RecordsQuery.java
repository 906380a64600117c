package dev.netmark.shim.records;

import dev.netmark.contract.MetricNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The parameters of a {@code /records} request.
 *
 * @param fromEnd {@code from=end}: answer only where the log ends
 */
record RecordsQuery(long cursor, int limit, boolean fromEnd) {

  /**
   * Parses a raw query string such as {@code cursor=5&limit=100} or {@code from=end}; unknown
   * parameters are ignored.
   *
   * @throws IllegalArgumentException naming the parameter and the value found
   */
  static RecordsQuery parse(String rawQuery) {
    long cursor = 0;
    boolean hasCursor = false;
    boolean fromEnd = false;
    int limit = MetricNames.RECORDS_DEFAULT_LIMIT;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (key) {
          case "cursor" -> {
            cursor = number(key, value);
            hasCursor = true;
          }
          case "from" -> {
            if (!value.equals("end")) {
              throw new IllegalArgumentException(
                  "/records: from must be 'end', found '" + value + "'");
            }
            fromEnd = true;
          }
          case "limit" ->
              limit =
                  (int) Math.min(MetricNames.RECORDS_MAX_LIMIT, Math.max(1, number(key, value)));
          default -> {
            // Unknown parameters are ignored so newer readers can talk to older shims.
          }
        }
      }
    }
    if (fromEnd && hasCursor) {
      throw new IllegalArgumentException(
          "/records: give either cursor or from=end, not both (cursor=" + cursor + ")");
    }
    return new RecordsQuery(cursor, limit, fromEnd);
  }

  private static long number(String key, String value) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "/records: " + key + " must be a non-negative integer, found '" + value + "'", e);
    }
    if (n < 0) {
      throw new IllegalArgumentException(
          "/records: " + key + " must be a non-negative integer, found " + n);
    }
    return n;
  }
}
