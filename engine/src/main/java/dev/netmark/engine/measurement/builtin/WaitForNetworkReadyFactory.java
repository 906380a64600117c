package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.Params;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.measurement.ReadsFromRunStart;
import java.util.function.Supplier;

/**
 * {@code WaitForNetworkReady {action: wait, labelSelector, timeout}}: what the {@code
 * waitForNetworkReady} step compiles to. Completes when every pod matching the selector in the
 * test's namespaces has a {@code NETWORK_READY} event from the metric source, reading the shims'
 * events from where their logs ended when the test began.
 */
public final class WaitForNetworkReadyFactory implements MeasurementFactory, ReadsFromRunStart {
  @Override
  public String method() {
    return "WaitForNetworkReady";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    // Pods of the test may be ready before the wait begins: read from where the test began.
    Supplier<Cursor> from =
        context instanceof EngineMeasurementContext engine ? engine::runStart : () -> Cursor.START;
    return new WaitForNetworkReady(context, from);
  }

  @Override
  public void validate(Params params) {
    WaitForNetworkReady.Spec.parse(params);
  }
}
