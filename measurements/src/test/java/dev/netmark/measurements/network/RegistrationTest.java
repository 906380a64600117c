package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.measurement.MeasurementRegistry;
import org.junit.jupiter.api.Test;

/** The built-ins are found through META-INF/services, as the engine finds them at run time. */
class RegistrationTest {
  @Test
  void everyNetworkMeasurementIsRegistered() {
    var methods = MeasurementRegistry.load(getClass().getClassLoader()).measurementMethods();
    assertThat(methods)
        .contains(
            "NetworkReadyLatency",
            "NetworkReadyThroughput",
            "PodFlux",
            "TrafficModel",
            "CniErrors");
  }
}
