package dev.netmark.engine.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** However many pods become ready between two rounds, the publisher writes once per round. */
class TierPublisherTest {
  private static final int PODS = 5000;

  /** Hands out the events in pages of 1,000, as a shim's /records would. */
  private static final class Pages implements MetricSource {
    private final List<PodEvent> events;
    int reads;

    Pages(List<PodEvent> events) {
      this.events = events;
    }

    @Override
    public EventBatch events(Cursor from) {
      reads++;
      int start = (int) from.next("n1");
      int end = Math.min(events.size(), start + 1000);
      return new EventBatch(
          true,
          events.subList(start, end),
          new Cursor(Map.of("n1", (long) end)),
          new Coverage(1, Map.of()),
          end == events.size());
    }

    @Override
    public Histogram histogram(String metric, Map<String, String> labels) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void fiveThousandPodsReadyInOneRoundAreOneWrite() throws Exception {
    TierPods pods = new TierPods();
    pods.add("ns", "api", PODS);
    List<PodEvent> events = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      events.add(
          TierPodsTest.event(
              EventKind.NETWORK_READY, "ns", "api-" + i, "10.1." + i / 250 + "." + i % 250));
    }
    Pages source = new Pages(events);
    List<Map<String, AppTier>> written = new ArrayList<>();
    TierPublisher publisher =
        new TierPublisher(
            source,
            Cursor.START,
            pods,
            () ->
                Map.of("ns/api", new AppTier("10.96.0.1", 80, "http", pods.readyIps("ns", "api"))),
            tiers -> written.add(tiers) && written.size() == 1,
            "shop");
    publisher.tick();
    publisher.tick();
    assertThat(source.reads).isEqualTo(6);
    assertThat(written).hasSize(2);
    assertThat(written.getFirst().get("ns/api").pods()).hasSize(PODS);
    assertThat(publisher.writes()).isEqualTo(1);
  }
}
