package dev.netmark.engine.measurement;

import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one measurement action, for junit.xml.
 *
 * @param spec the action as configured
 * @param duration how long it took
 * @param summaries what it returned
 * @param error why it failed, or null
 */
public record ActionRecord(
    MeasurementSpec spec, Duration duration, List<Summary> summaries, String error) {
  public ActionRecord {
    summaries = List.copyOf(summaries);
  }

  public boolean failed() {
    return error != null;
  }

  /** {@code <method>/<identifier> <action>}, e.g. {@code Timer/Timer start}. */
  public String label() {
    return spec.method() + "/" + spec.identifier() + " " + spec.params().string("action", "?");
  }
}
