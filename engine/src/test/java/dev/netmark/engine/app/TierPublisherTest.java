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
            () -> allNames(),
            "shop");
    publisher.tick();
    publisher.tick();
    assertThat(source.reads).isEqualTo(6);
    assertThat(written).hasSize(2);
    assertThat(written.getFirst().get("ns/api").pods()).hasSize(PODS);
    assertThat(publisher.writes()).isEqualTo(1);
  }

  private static java.util.Set<String> allNames() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < PODS; i++) {
      names.add("ns/api-" + i);
    }
    return names;
  }

  @Test
  void aNetworkReadyPodIsPublishedOnlyOnceItsContainersRun() throws Exception {
    TierPods pods = new TierPods();
    pods.add("ns", "api", 2);
    Pages source =
        new Pages(
            List.of(
                TierPodsTest.event(EventKind.NETWORK_READY, "ns", "api-0", "10.1.0.1"),
                TierPodsTest.event(EventKind.NETWORK_READY, "ns", "api-1", "10.1.0.2")));
    java.util.Set<String> running = new java.util.HashSet<>(java.util.Set.of("ns/api-0"));
    int[] lists = {0};
    TierPublisher publisher =
        new TierPublisher(
            source,
            Cursor.START,
            pods,
            Map::of,
            tiers -> false,
            () -> {
              lists[0]++;
              return java.util.Set.copyOf(running);
            },
            "shop");

    publisher.tick();
    assertThat(pods.readyIps("ns", "api")).containsExactly("10.1.0.1");

    running.add("ns/api-1"); // its StartContainer came
    publisher.tick();
    assertThat(pods.readyIps("ns", "api")).containsExactly("10.1.0.1", "10.1.0.2");

    publisher.tick();
    assertThat(lists[0]).as("no list once every ready pod runs").isEqualTo(2);
  }
}
