package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.engine.measurement.EngineMeasurementContext;

/**
 * {@code ControlPlane {action: deploy, controlPodsPerNode, service: {name, port}, external: {url,
 * ip}, probes: {remoteNodes, serviceHttpCount, servicePing, interval, timeout, classes}, image,
 * timeout, nodeSelector}}: what the {@code deployControlPlane} step compiles to. The namespace
 * {@code netmark-system} is deleted when the run ends, unless it keeps its objects.
 */
public final class ControlPlaneFactory implements MeasurementFactory {
  @Override
  public String method() {
    return "ControlPlane";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    if (!(context instanceof EngineMeasurementContext engine)) {
      throw new NetmarkException(
          "ControlPlane needs the engine's measurement context to register netmark-system for"
              + " deletion, got "
              + context.getClass().getName());
    }
    return new ControlPlane(engine.kube(), engine::deleteAtEnd);
  }

  @Override
  public void validate(Params params) {
    ControlPlaneSpec.parse(params);
  }
}
