package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;

/**
 * {@code WaitForNetworkReady {action: wait, labelSelector, timeout}}: what the {@code
 * waitForNetworkReady} step compiles to. Completes when every pod matching the selector in the
 * test's namespaces has a {@code NETWORK_READY} event from the metric source.
 */
public final class WaitForNetworkReadyFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "WaitForNetworkReady";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return new WaitForNetworkReady(context);
  }

  @Override
  public void validate(Params params) {
    WaitForNetworkReady.Spec.parse(params);
  }
}
