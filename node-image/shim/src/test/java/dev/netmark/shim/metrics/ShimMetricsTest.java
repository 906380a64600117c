package dev.netmark.shim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netmark.contract.MetricNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShimMetricsTest {
  @Test
  void observingStartsNoExemplarScheduler() {
    ShimMetrics m = new ShimMetrics();
    for (int i = 0; i < 3; i++) {
      m.cniAdd.observe(0.01);
      m.networkReady.observe(0.02);
      m.probe.labelValues(MetricNames.PROBE_TARGETS.get(0)).observe(0.003);
      m.addAttempts.labelValues("success").inc();
      m.podsNetworkReady.inc();
      m.netperfPods.labelValues(PodState.values()[0].label()).set(1);
    }
    List<String> schedulers =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith("prometheus-metrics-scheduler"))
            .toList();
    assertEquals(List.of(), schedulers);
  }
}
