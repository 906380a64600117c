package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Params;
import java.util.List;

/** Checks the {@code action} param of a measurement against the actions it knows. */
final class Actions {
  private Actions() {}

  /**
   * @return the action
   * @throws dev.netmark.api.ConfigException naming {@code action} when missing or unknown
   */
  static String require(Params params, String... known) {
    String action = params.action();
    if (!List.of(known).contains(action)) {
      throw params.error(
          "action", "expected one of " + String.join(", ", known) + ", found '" + action + "'");
    }
    return action;
  }
}
