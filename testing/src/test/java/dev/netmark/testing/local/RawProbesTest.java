package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.testing.local.RawPinger.Echoes;
import dev.netmark.testing.local.RawProbes.Shot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RawProbesTest {
  private static final Map<String, List<String>> CONTROL =
      Map.of("n1", List.of("10.0.1.2"), "n2", List.of("10.0.2.2"), "n3", List.of("10.0.3.2"));
  private static final ProbePolicy ALL =
      new ProbePolicy(
          5, 3, true, 10, 60_000, List.of("same_node", "remote_node", "service", "external"));

  private static final long RETURNED_US = 1_000_000_000L;

  @Test
  void theFirstFivePodsAreSampledAtMostTwoANodeOnThreeNodes() {
    RawProbes p = new RawProbes(3, () -> null, Nodes::podNetns, (n, t, d) -> {}, new Random(1));
    assertThat(p.take("n1", "a")).isTrue();
    assertThat(p.take("n1", "b")).isTrue();
    assertThat(p.take("n1", "c")).as("n1 has its 2").isFalse();
    assertThat(p.take("n2", "d")).isTrue();
    assertThat(p.take("n2", "d")).as("the same pod again (a retry)").isFalse();
    assertThat(p.take("n2", "e")).isTrue();
    assertThat(p.take("n3", "f")).isTrue();
    assertThat(p.take("n3", "g")).as("5 sampled").isFalse();
    assertThat(p.sampledUids()).containsExactly("a", "b", "d", "e", "f");
  }

  @Test
  void onOneNodeAllFiveComeFromItAndSkipStopsSampling() {
    RawProbes p = new RawProbes(1, () -> null, Nodes::podNetns, (n, t, d) -> {}, new Random(1));
    for (String uid : List.of("a", "b", "c")) {
      assertThat(p.take("n1", uid)).isTrue();
    }
    p.skip();
    assertThat(p.take("n1", "d")).isFalse();
    assertThat(p.sampledUids()).hasSize(3);
  }

  @Test
  void eachClassPingsTheTargetNetmarksProberPicks() {
    ProbeTargets t =
        new ProbeTargets(CONTROL, 8080, 5201, "10.250.0.10", 80, "10.251.0.2", null, ALL);
    for (int seed = 0; seed < 20; seed++) {
      Map<String, RawPingTarget> chosen = RawPingTarget.all(t, "n1", new Random(seed));
      assertThat(chosen.keySet())
          .containsExactly("same_node", "remote_node", "service", "external");
      assertThat(chosen.get("same_node").ip()).isEqualTo("10.0.1.2");
      assertThat(chosen.get("remote_node").ip()).isIn("10.0.2.2", "10.0.3.2");
      assertThat(chosen.get("service").ip()).isEqualTo("10.250.0.10");
      assertThat(chosen.get("external").ip()).isEqualTo("10.251.0.2");
    }
  }

  @Test
  void aClassWithoutAPingTargetSaysWhyAndAClassOffThePolicyIsLeftOut() {
    ProbePolicy noPing =
        new ProbePolicy(
            5, 3, false, 10, 60_000, List.of("same_node", "remote_node", "service", "external"));
    ProbeTargets t =
        new ProbeTargets(
            Map.of("n1", List.of("10.0.1.2")),
            8080,
            5201,
            "10.250.0.10",
            80,
            null,
            "http://10.251.0.2/",
            noPing);
    Map<String, RawPingTarget> chosen = RawPingTarget.all(t, "n1", new Random(1));
    assertThat(chosen.get("remote_node").none()).isEqualTo("no control pod on any other node");
    assertThat(chosen.get("service").none())
        .isEqualTo("the probe policy's servicePing is off: netmark checks the VIP by HTTP only");
    assertThat(chosen.get("external").none())
        .isEqualTo("no external IP: netmark's external class checks the URL only");
    ProbePolicy sameOnly = new ProbePolicy(5, 3, true, 10, 60_000, List.of("same_node"));
    assertThat(
            RawPingTarget.all(
                new ProbeTargets(CONTROL, 8080, 5201, null, 80, null, null, sameOnly),
                "n4",
                new Random(1)))
        .containsOnlyKeys("same_node")
        .containsEntry("same_node", RawPingTarget.none("no control pod on node n4"));
  }

  @Test
  void anAnsweredPingCountsFromRunPodSandboxsReturnToTheAnsweredEchosSendTime() {
    // First echo 0.08 ms after the return, the answered one (the fourth) 30.08 ms after it.
    Shot s = shot(new Echoes(RETURNED_US + 80, RETURNED_US + 30_080, null));
    assertThat(s.millis()).isCloseTo(30.08, within(1e-9));
    assertThat(s.startMillis()).isCloseTo(0.08, within(1e-9));
    assertThat(s.handMillis())
        .as("handed over 30 µs after the return")
        .isCloseTo(0.03, within(1e-9));
    assertThat(s.note()).isNull();
  }

  @Test
  void noAnswerAndAPingThatCannotStartAreNotesWithTheReason() {
    Shot silent = shot(new Echoes(RETURNED_US + 80, -1, "no answer in 5 s"));
    assertThat(silent.millis()).isNaN();
    assertThat(silent.startMillis()).as("its floor is still known").isCloseTo(0.08, within(1e-9));
    assertThat(silent.note()).isEqualTo("no answer in 5 s");
    Shot missing = shot(new Echoes(-1, -1, "raw ICMP socket: Operation not permitted"));
    assertThat(missing.millis()).isNaN();
    assertThat(missing.startMillis()).isNaN();
    assertThat(missing.note()).isEqualTo("raw ICMP socket: Operation not permitted");
  }

  @Test
  void aSampledPodPingsEveryClassFromTheNamespaceItsSandboxIdNamesAndNotesWhatFailed() {
    ProbeTargets t = new ProbeTargets(CONTROL, 8080, 5201, null, 80, null, null, ALL);
    List<String> asked = new ArrayList<>();
    RawProbes p =
        new RawProbes(
            3,
            () -> t,
            Nodes::podNetns,
            (netns, target, done) -> {
              asked.add(netns + " " + target);
              done.accept(
                  target.equals("10.0.1.2")
                      ? new Echoes(RETURNED_US + 80, RETURNED_US + 30_080, null)
                      : new Echoes(-1, -1, "cannot enter " + netns + ": no such file"));
            },
            new Random(1));
    p.created("n1", pod("a", true), RETURNED_US, "0123456789abcdef0123");
    p.created("n1", pod("b", false), RETURNED_US, "fedcba9876543210fedc");
    p.created("n2", pod("c", true), RETURNED_US, "short");
    p.close();
    assertThat(p.sampledUids()).as("b is no netperf pod").containsExactly("a", "c");
    assertThat(asked)
        .as("same_node and remote_node of a; service has no VIP, external no IP")
        .hasSize(2)
        .allMatch(a -> a.startsWith("/run/netns/n1-0123456789abcdef "));
    Map<String, List<Shot>> shots = p.shots();
    assertThat(shots.keySet()).containsExactly("same_node", "remote_node", "service", "external");
    Shot sameA = shots.get("same_node").stream().filter(s -> s.uid().equals("a")).findFirst().get();
    assertThat(sameA.millis()).isCloseTo(30.08, within(1e-9));
    Shot remoteA =
        shots.get("remote_node").stream().filter(s -> s.uid().equals("a")).findFirst().get();
    assertThat(remoteA.note()).startsWith("cannot enter /run/netns/n1-0123456789abcdef: ");
    assertThat(shots.get("service").stream().map(Shot::note))
        .containsOnly(
            "no control service", "no netns: sandbox id shorter than 16 characters: short");
    assertThat(shots.get("same_node").stream().filter(s -> s.uid().equals("c")).map(Shot::note))
        .containsExactly("no netns: sandbox id shorter than 16 characters: short");
  }

  @Test
  void aPodSampledBeforeTheTargetsWerePublishedSaysSo() {
    RawProbes p = new RawProbes(3, () -> null, Nodes::podNetns, (n, t, d) -> {}, new Random(1));
    p.created("n1", pod("a", true), RETURNED_US, "0123456789abcdef0123");
    assertThat(p.shots().get("same_node"))
        .extracting(Shot::note)
        .containsExactly("no probe targets published yet");
  }

  @Test
  void skipStopsThePingerAndCloseWaitsForThePingsHandedIn() throws Exception {
    List<String> calls = new ArrayList<>();
    RawProbes.Pinger pinger =
        new RawProbes.Pinger() {
          @Override
          public void ping(Path netns, String target, Consumer<Echoes> done) {}

          @Override
          public void await(long timeout, TimeUnit unit) {
            calls.add("await " + unit.toSeconds(timeout) + " s");
          }

          @Override
          public void close() {
            calls.add("close");
          }
        };
    RawProbes p = new RawProbes(3, () -> null, Nodes::podNetns, pinger, new Random(1));
    p.close();
    assertThat(calls).containsExactly("await 10 s", "close");
    calls.clear();
    p.skip();
    assertThat(calls).containsExactly("close");
    assertThat(p.take("n1", "a")).isFalse();
  }

  /** A ping of 10.0.1.2 for a pod whose RunPodSandbox returned at {@link #RETURNED_US}. */
  private static Shot shot(Echoes e) {
    return RawProbes.shot("u", RawPingTarget.of("10.0.1.2", "k"), RETURNED_US, RETURNED_US + 30, e);
  }

  private static Pod pod(String uid, boolean netperf) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p-" + uid)
        .withNamespace("t")
        .withUid(uid)
        .addToLabels(netperf ? Map.of("netperf", "true") : Map.of("app", "x"))
        .endMetadata()
        .build();
  }
}
