package dev.netmark.measurements.source;

import dev.netmark.api.Durations;
import dev.netmark.api.NetmarkException;
import dev.netmark.contract.MetricNames;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --metric-source-opt} keys of the scraping sources.
 *
 * @param port shim port for nodes without the {@code netmark.dev/shim-port} annotation
 * @param timeout per-node read timeout
 * @param parallelism nodes read at once
 */
record SourceOptions(int port, Duration timeout, int parallelism) {
  private static final Set<String> KEYS = Set.of("port", "timeout", "parallelism");

  static SourceOptions parse(String kind, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new NetmarkException(
            "metric source " + kind + ": unknown option '" + key + "', known: " + KEYS);
      }
    }
    try {
      int port = Integer.parseInt(options.getOrDefault("port", "" + MetricNames.DEFAULT_SHIM_PORT));
      Duration timeout = Durations.parse(options.getOrDefault("timeout", "5s"));
      int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "16"));
      if (port < 1 || port > 65535 || parallelism < 1 || timeout.isZero()) {
        throw new IllegalArgumentException(
            "port must be 1-65535, parallelism >= 1 and timeout > 0");
      }
      return new SourceOptions(port, timeout, parallelism);
    } catch (IllegalArgumentException e) {
      throw new NetmarkException("metric source " + kind + ": " + e.getMessage(), e);
    }
  }
}
