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
  private Runnable duringProgram = () -> {};
  private final ProxySync sync =
      new ProxySync(
          services -> {
            now.addAndGet(5 * MS);
            duringProgram.run();
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
    for (int s = 0; s < 8; s++) {
      sync.seen(service("tier" + s, "10.250.0." + (20 + s)));
      for (int p = 0; p < 6; p++) {
        sync.seen(pod("tier" + s + "-" + p, "tier" + s, "10.240." + s + "." + (2 + p), true));
      }
    }
    sync.sync();

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
    sync.seen(service("front", "10.250.0.20"));
    sync.seen(service("back", "10.250.0.21"));
    Pod f1 = pod("f1", "front", "10.240.1.2", true);
    sync.seen(f1);
    sync.sync();
    assertThat(programmed).hasSize(1);

    now.addAndGet(100 * MS);
    sync.seen(pod("b1", "back", "10.240.2.2", true)); // ready at t
    now.addAndGet(30 * MS);
    sync.seen(pod("f2", "front", "10.240.1.3", false)); // not ready yet: front does not change
    now.addAndGet(20 * MS);
    sync.sync();

    assertThat(programmed).hasSize(2);
    assertThat(programmed.get(1))
        .containsOnly(
            Map.entry("10.250.0.20:80", List.of("10.240.1.2:8080")),
            Map.entry("10.250.0.21:80", List.of("10.240.2.2:8080")));
    // back's change answers b1's event, 30 + 20 + 5 ms before the rules were in every node.
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/back 10.250.0.21:80", 1, 55.0));

    now.addAndGet(100 * MS);
    sync.gone(f1);
    now.addAndGet(10 * MS);
    sync.sync();
    assertThat(programmed.get(2)).doesNotContainKey("10.250.0.20:80");
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/front 10.250.0.20:80", 0, 15.0));
  }

  @Test
  void anEventDeliveredDuringAPassIsProgrammedAndTimedByTheNext() throws Exception {
    sync.seen(service("front", "10.250.0.20"));
    sync.seen(pod("f1", "front", "10.240.1.2", true));
    // f2 turns ready while the first pass programs the nodes: that pass must not program it, or
    // the next one would find f2's event and no change left to time.
    duringProgram = () -> sync.seen(pod("f2", "front", "10.240.1.3", true));
    sync.sync();
    duringProgram = () -> {};
    assertThat(programmed.getLast()).containsEntry("10.250.0.20:80", List.of("10.240.1.2:8080"));

    now.addAndGet(40 * MS);
    sync.sync();
    assertThat(programmed.getLast())
        .containsEntry("10.250.0.20:80", List.of("10.240.1.2:8080", "10.240.1.3:8080"));
    // f2 was seen 5 ms into the first call: 40 ms later the second pass starts, 5 ms it takes.
    assertThat(changes.all())
        .containsExactly(
            new ServiceChanges.Change("ns/front 10.250.0.20:80", 1, 5.0),
            new ServiceChanges.Change("ns/front 10.250.0.20:80", 2, 45.0));
  }

  @Test
  void anEventThatChangesNoEndpointProgramsNothing() throws Exception {
    sync.seen(service("front", "10.250.0.20"));
    Pod f1 = pod("f1", "front", "10.240.1.2", true);
    sync.seen(f1);
    sync.sync();
    sync.seen(f1); // a status update that changes no endpoint
    sync.sync();
    assertThat(programmed).hasSize(1);
    assertThat(changes.all()).hasSize(1);
  }

  @Test
  void serviceDeletedAndRecreatedIsRemovedThenProgrammedAgain() throws Exception {
    Service front = service("front", "10.250.0.20");
    sync.seen(pod("f1", "front", "10.240.1.2", true));
    sync.seen(front);
    sync.sync();

    now.addAndGet(50 * MS);
    sync.gone(front);
    sync.sync();
    assertThat(programmed.getLast()).isEmpty();
    assertThat(changes.all().getLast())
        .isEqualTo(new ServiceChanges.Change("ns/front 10.250.0.20:80", 0, 5.0));

    now.addAndGet(50 * MS);
    sync.seen(service("front", "10.250.0.21"));
    sync.sync();
    assertThat(programmed.getLast())
        .containsOnly(Map.entry("10.250.0.21:80", List.of("10.240.1.2:8080")));
    assertThat(programmed).hasSize(3);
  }

  @Test
  void aFailedPassIsRetriedAndTimedFromTheFirstEvent() throws Exception {
    sync.seen(service("front", "10.250.0.20"));
    sync.seen(pod("f1", "front", "10.240.1.2", true));
    failNext = true;
    sync.sync();
    assertThat(programmed).isEmpty();

    now.addAndGet(200 * MS);
    sync.sync();
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
