package dev.netmark.measurements.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A shim's 200 answer: the body, and the headers (names matched without regard to case; the first
 * value of each).
 */
public record ShimResponse(String body, Map<String, String> headers) {
  public ShimResponse {
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
    headers = Map.copyOf(lower);
  }

  /** An answer with these headers, each name with its values (the first one is kept). */
  static ShimResponse of(String body, Map<String, List<String>> headers) {
    Map<String, String> first = new TreeMap<>();
    headers.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            first.put(k, v.getFirst());
          }
        });
    return new ShimResponse(body, first);
  }

  /** The header's first value, if the answer had it. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
