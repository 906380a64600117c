package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times named phases with a monotonic clock. The summary has one data item per stopped phase whose
 * {@code Perc50}, {@code Perc90} and {@code Perc99} all hold its duration in milliseconds, the
 * shape clusterloader2's Timer gives perfdash.
 */
final class Timer implements dev.netmark.api.Measurement {
  static final String SUMMARY = "Timer";

  private final Map<String, Long> startedNanos = new LinkedHashMap<>();
  private final Map<String, Duration> stopped = new LinkedHashMap<>();

  @Override
  public List<Summary> execute(Params params) {
    String action = Actions.require(params, "start", "stop", "gather");
    switch (action) {
      case "start" -> startedNanos.put(params.requireString("label"), System.nanoTime());
      case "stop" -> stop(params);
      default -> {
        return List.of(gather());
      }
    }
    return List.of();
  }

  private void stop(Params params) {
    String label = params.requireString("label");
    Long started = startedNanos.remove(label);
    if (started == null) {
      throw params.error("label", "timer '" + label + "' was never started");
    }
    stopped.put(label, Duration.ofNanos(System.nanoTime() - started));
  }

  private Summary gather() {
    List<DataItem> items = new ArrayList<>();
    stopped.forEach(
        (label, duration) -> {
          double ms = duration.toNanos() / 1e6;
          items.add(
              new DataItem(
                  Map.of("Perc50", ms, "Perc90", ms, "Perc99", ms), "ms", Map.of("Metric", label)));
        });
    List<String> notes =
        startedNanos.isEmpty()
            ? List.of()
            : List.of(
                "timers started but never stopped: " + String.join(", ", startedNanos.keySet()));
    return new Summary(SUMMARY, items, List.of(), notes);
  }
}
