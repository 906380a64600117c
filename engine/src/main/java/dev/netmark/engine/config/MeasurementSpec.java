package dev.netmark.engine.config;

import dev.netmark.api.Params;
import java.util.List;

/**
 * One measurement action of a step.
 *
 * @param identifier with {@code method}, the key of the measurement instance
 * @param method the measurement method, e.g. {@code NetworkReadyLatency}
 * @param params the params, including {@code action}; a gather's carry the {@code thresholds} its
 *     start was given unless it has its own
 * @param path config path with source location
 * @param notes what the config reader decided for this action, e.g. which of two {@code thresholds}
 *     applies; shown with the action's summaries
 */
public record MeasurementSpec(
    String identifier, String method, Params params, String path, List<String> notes) {
  public MeasurementSpec {
    notes = List.copyOf(notes);
  }

  public MeasurementSpec(String identifier, String method, Params params, String path) {
    this(identifier, method, params, path, List.of());
  }
}
