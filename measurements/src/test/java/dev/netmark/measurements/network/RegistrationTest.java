package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MeasurementFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The built-ins are found through META-INF/services, as the engine finds them at run time. */
class RegistrationTest {
  @Test
  void everyNetworkMeasurementIsRegistered() {
    var methods =
        ServiceLoader.load(MeasurementFactory.class, getClass().getClassLoader()).stream()
            .map(p -> p.get().method())
            .toList();
    assertThat(methods)
        .contains(
            "NetworkReadyLatency",
            "NetworkReadyThroughput",
            "PodFlux",
            "TrafficModel",
            "CniErrors");
  }
}
