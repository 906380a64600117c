package dev.netmark.measurements.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSourceFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The sources are found through META-INF/services, as {@code --metric-source KIND} finds them. */
class SourceRegistrationTest {
  @Test
  void everyMetricSourceKindIsRegistered() {
    var kinds =
        ServiceLoader.load(MetricSourceFactory.class).stream().map(p -> p.get().kind()).toList();
    assertThat(kinds).containsExactlyInAnyOrder("direct", "proxy", "prometheus");
  }
}
