package dev.netmark.testing.local.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProxySyncTest {
  private static final long MS = 1_000_000;

  /** The clock; each program call takes 5 ms of it. */
  private final AtomicLong now = new AtomicLong(1_000 * MS);

  private final List<Map<String, List<String>>> programmed = new ArrayList<>();
  private final ServiceChanges changes = new ServiceChanges();
  private boolean failNext;
  private final ProxySync sync =
      new ProxySync(
          services -> {
            now.addAndGet(5 * MS);
            if (failNext) {
              failNext = false;
              throw new IllegalStateException("iptables-restore: exit 1");
            }
            programmed.add(Map.copyOf(services));
          },
          changes,
          now::get);

  @Test
  void programsEveryServiceWithEveryReadyEndpointInOneCall() throws Exception {
    List<Service> services = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      services.add(service("tier" + s, "10.250.0." + (20 + s)));
      for (int p = 0; p < 6; p++) {
        pods.add(pod("tier" + s + "-" + p, "tier" + s, "10.240." + s + "." + (2 + p), true));
      }
    }
    pods.forEach(this::seenAt0);
    sync.sync(services, pods);

    assertThat(programmed).hasSize(1);
    assertThat(programmed.get(0)).hasSize(8);
    assertThat(programmed.get(0).get("10.250.0.27:80"))
        .containsExactly(
            "10.240.7.2:8080",
            "10.240.7.3:8080",
            "10.240.7.4:8080",
            "10.240.7.5:8080",
            "10.240.7.6:8080",
            "10.240.7.7:8080");
    assertThat(changes.all()).hasSize(8).allMatch(c -> c.endpoints() == 6 && c.delayMs() == 5.0);
  }

  @Test
  void followsEndpointsDuringChurnAndTimesEachChangeFromItsOwnEvent() throws Exception {
    List<Service> services =
        List.of(service("front", "10.250.0.20"), service("back", "10.250.0.21"));
    List<Pod> pods = new ArrayList<>(List.of(pod("f1", "front", "10.240.1.2", true)));
    pods.forEach(this::seenAt0);
    sync.sync(services, pods);
    assertThat(programmed).hasSize(1);

    now.addAndGet(100 * MS);
    Pod b1 = pod("b1", "back", "10.240.2.2", true);
    pods.add(b1);
    sync.seen(b1); // ready at t
    now.addAndGet(30 * MS);
    Pod f2 = pod("f2", "front", "10.240.1.3", false);
    pods.add(f2);
    sync.seen(f2); // not ready yet: front does not change
    now.addAndGet(20 * MS);
    sync.sync(services, pods);

    assertThat(programmed).hasSize(2);
    assertThat(programmed.get(1))
        .containsOnly(
            Map.entry("10.250.0.20:80", List.of("10.240.1.2:8080")),
            Map.entry("10.250.0.21:80", List.of("10.240.2.2:8080")));
    // back's change answers b1's event, 30 + 20 + 5 ms before the rules were in every node.
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/back 10.250.0.21:80", 1, 55.0));

    now.addAndGet(100 * MS);
    pods.remove(pods.get(0)); // f1 deleted
    sync.seen(pod("f1", "front", "10.240.1.2", true));
    now.addAndGet(10 * MS);
    sync.sync(services, pods);
    assertThat(programmed.get(2)).doesNotContainKey("10.250.0.20:80");
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/front 10.250.0.20:80", 0, 15.0));
  }

  @Test
  void nothingChangedProgramsNothing() throws Exception {
    List<Service> services = List.of(service("front", "10.250.0.20"));
    List<Pod> pods = List.of(pod("f1", "front", "10.240.1.2", true));
    sync.sync(services, pods);
    sync.seen(pods.get(0)); // a status update that changes no endpoint
    sync.sync(services, pods);
    assertThat(programmed).hasSize(1);
    // The first pass had no event to time from: it is programmed, not counted.
    assertThat(changes.all()).isEmpty();
  }

  @Test
  void serviceDeletedAndRecreatedIsRemovedThenProgrammedAgain() throws Exception {
    Service front = service("front", "10.250.0.20");
    List<Pod> pods = List.of(pod("f1", "front", "10.240.1.2", true));
    sync.seen(front);
    sync.sync(List.of(front), pods);

    now.addAndGet(50 * MS);
    sync.seen(front); // deleted
    sync.sync(List.of(), pods);
    assertThat(programmed.getLast()).isEmpty();
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/front 10.250.0.20:80", 0, 5.0));

    now.addAndGet(50 * MS);
    Service again = service("front", "10.250.0.21");
    sync.seen(again);
    sync.sync(List.of(again), pods);
    assertThat(programmed.getLast())
        .containsOnly(Map.entry("10.250.0.21:80", List.of("10.240.1.2:8080")));
    assertThat(programmed).hasSize(3);
  }

  @Test
  void aFailedPassIsRetriedAndTimedFromTheFirstEvent() throws Exception {
    Service front = service("front", "10.250.0.20");
    Pod f1 = pod("f1", "front", "10.240.1.2", true);
    sync.seen(f1);
    failNext = true;
    sync.sync(List.of(front), List.of(f1));
    assertThat(programmed).isEmpty();

    now.addAndGet(200 * MS);
    sync.sync(List.of(front), List.of(f1));
    assertThat(programmed).hasSize(1);
    assertThat(changes.all())
        .containsExactly(new ServiceChanges.Change("ns/front 10.250.0.20:80", 1, 210.0));
  }

  @Test
  void summaryGivesPercentilesOfTheDelays() throws Exception {
    assertThat(changes.summary()).isEmpty();
    for (int i = 1; i <= 100; i++) {
      changes.add("ns/s 10.250.0.20:80", 1, i);
    }
    var summary = changes.summary().orElseThrow();
    assertThat(summary.name()).isEqualTo("ServiceProxy");
    var item = summary.dataItems().getFirst();
    assertThat(item.labels()).isEqualTo(Map.of("Metric", "service_programming"));
    assertThat(item.unit()).isEqualTo("ms");
    assertThat(item.data())
        .containsEntry("Perc50", 50.0)
        .containsEntry("Perc99", 99.0)
        .containsEntry("Max", 100.0)
        .containsEntry("Count", 100.0);
    assertThat(summary.notes().getFirst()).startsWith("100 endpoint changes of 1 service ports");
  }

  private void seenAt0(Pod p) {
    sync.seen(p);
  }

  private static Service service(String tier, String vip) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(tier)
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .withClusterIP(vip)
        .withSelector(new LinkedHashMap<>(Map.of("netmark.dev/tier", tier)))
        .addNewPort()
        .withPort(80)
        .withTargetPort(new IntOrString(8080))
        .endPort()
        .endSpec()
        .build();
  }

  private static Pod pod(String name, String tier, String ip, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("ns")
        .withLabels(Map.of("netmark.dev/tier", tier, "netmark.dev/app", "shop"))
        .endMetadata()
        .withNewStatus()
        .withPodIP(ip)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
