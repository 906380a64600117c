package dev.netmark.engine.config;

import java.util.List;

/**
 * One step. Phases and measurements of a step run in parallel; steps run in order. A step has
 * either phases or measurements (domain steps compile to one of the two).
 *
 * @param name the step name, used in junit.xml; defaults to {@code step <i>}
 * @param phases object phases
 * @param measurements measurement actions
 * @param path config path with source location
 */
public record StepSpec(
    String name, List<PhaseSpec> phases, List<MeasurementSpec> measurements, String path) {
  public StepSpec {
    phases = List.copyOf(phases);
    measurements = List.copyOf(measurements);
  }
}
