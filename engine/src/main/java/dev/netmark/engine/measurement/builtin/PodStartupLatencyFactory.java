package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;
import dev.netmark.api.Thresholds;

/**
 * {@code PodStartupLatency}, the API-side startup of pods as clusterloader2 measures it: {@code
 * start} watches pods matching {@code labelSelector}; {@code gather} reports percentiles of {@code
 * create_to_schedule}, {@code schedule_to_run}, {@code run_to_watch} and {@code create_to_running}
 * (creation to the watch seeing it Running) over the pods in the test's namespaces, checked against
 * {@code thresholds}, after waiting up to {@code timeout} (default 90s) for those pods to be seen
 * Running.
 */
public final class PodStartupLatencyFactory implements MeasurementFactory {
  @Override
  public String method() {
    return PodStartupLatency.SUMMARY;
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return new PodStartupLatency(context);
  }

  @Override
  public void validate(Params params) {
    String action = Actions.require(params, "start", "gather");
    params.string("labelSelector");
    if (action.equals("gather")) {
      Thresholds.parse(params, PodStartupLatency.METRICS);
      PodStartupLatency.runningWait(params);
    }
  }
}
