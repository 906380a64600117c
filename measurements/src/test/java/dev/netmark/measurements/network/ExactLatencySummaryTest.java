package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Summary.DataItem;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactLatencySummaryTest {
  private static PodEvent event(String uid, EventKind kind, Map<String, Double> seconds) {
    return new PodEvent(0, kind, "n1", "ns", "p-" + uid, uid, null, 1, 1, seconds, null, null);
  }

  @Test
  void foldsPerPodAndGivesNearestRankPercentilesInMilliseconds() {
    List<PodEvent> events = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      String uid = "u" + i;
      events.add(event(uid, EventKind.ADD, Map.of(MetricNames.CNI_ADD, i / 1000.0)));
      events.add(event(uid, EventKind.NETWORK_READY, Map.of(MetricNames.NETWORK_READY, i / 100.0)));
    }

    List<DataItem> items = ExactLatencySummary.of(events).items();

    DataItem add = item(items, MetricNames.CNI_ADD);
    assertThat(add.data()).containsEntry("Perc50", 50.0).containsEntry("Perc99", 99.0);
    assertThat(add.data()).containsEntry("Max", 100.0);
    DataItem ready = item(items, MetricNames.NETWORK_READY);
    assertThat(ready.data()).containsEntry("Perc90", 900.0);
    assertThat(items).hasSize(2); // keys without samples give no item
  }

  private static DataItem item(List<DataItem> items, String key) {
    return items.stream()
        .filter(i -> key.equals(i.labels().get("Metric")))
        .findFirst()
        .orElseThrow();
  }
}
