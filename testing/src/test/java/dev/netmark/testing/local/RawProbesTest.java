package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.testing.local.RawProbes.Shot;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawProbesTest {
  private static final Map<String, List<String>> CONTROL =
      Map.of("n1", List.of("10.0.1.2"), "n2", List.of("10.0.2.2"), "n3", List.of("10.0.3.2"));
  private static final ProbePolicy ALL =
      new ProbePolicy(
          5, 3, true, 10, 60_000, List.of("same_node", "remote_node", "service", "external"));

  /**
   * A reply to the second echo after the first went unanswered; RunPodSandbox returned at 1000 s.
   */
  private static final String ANSWERED =
      """
      PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
      [1000.015000] no answer yet for icmp_seq=1
      [1000.030200] 64 bytes from 10.0.1.2: icmp_seq=2 ttl=64 time=0.200 ms

      --- 10.0.1.2 ping statistics ---
      2 packets transmitted, 1 received, 50% packet loss, time 10ms
      """;

  private static final long RETURNED_US = 1_000_000_000L;

  @Test
  void theFirstFivePodsAreSampledAtMostTwoANodeOnThreeNodes() {
    RawProbes p = new RawProbes(3, () -> null, (n, t) -> null, new Random(1));
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
    RawProbes p = new RawProbes(1, () -> null, (n, t) -> null, new Random(1));
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
    Shot s = shot(result(0, ANSWERED, ""));
    // Sent at 1000.030200 - 0.000200 s: 30 ms after the return.
    assertThat(s.millis()).isCloseTo(30.0, within(1e-9));
    // The first echo went out one interval before its "no answer yet": 5 ms after the return.
    assertThat(s.startMillis()).isCloseTo(5.0, within(1e-9));
    assertThat(s.netnsMillis()).isEqualTo(2.0);
    assertThat(s.note()).isNull();
  }

  @Test
  void noAnswerAndAPingThatCannotRunAreNotesWithTheReason() {
    Shot silent = shot(result(1, "[1000.015000] no answer yet for icmp_seq=1\n", ""));
    assertThat(silent.millis()).isNaN();
    assertThat(silent.note()).isEqualTo("no answer in 5 s");
    Shot missing =
        shot(result(127, "", "nsenter: failed to execute ping: No such file or directory\n"));
    assertThat(missing.millis()).isNaN();
    assertThat(missing.note())
        .isEqualTo(
            "ping could not run: exit 127: nsenter: failed to execute ping: No such file or"
                + " directory");
  }

  @Test
  void aSampledPodPingsEveryClassFromItsNamespaceAndNotesWhatFailed() {
    ProbeTargets t = new ProbeTargets(CONTROL, 8080, 5201, null, 80, null, null, ALL);
    RawProbes p =
        new RawProbes(
            3,
            () -> t,
            (netns, target) -> {
              assertThat(netns).isEqualTo("/run/netns/pod-a");
              if (target.equals("10.0.1.2")) {
                return result(0, ANSWERED, "");
              }
              throw new HostException("cannot run nsenter: No such file or directory");
            },
            new Random(1));
    p.created("n1", pod("a", true), RETURNED_US, () -> "/run/netns/pod-a");
    p.created("n1", pod("b", false), RETURNED_US, () -> "/run/netns/pod-b");
    p.created(
        "n2",
        pod("c", true),
        RETURNED_US,
        () -> {
          throw new IllegalStateException("the shim's verbose status names no netns");
        });
    p.close();
    assertThat(p.sampledUids()).as("b is no netperf pod").containsExactly("a", "c");
    Map<String, List<Shot>> shots = p.shots();
    assertThat(shots.keySet()).containsExactly("same_node", "remote_node", "service", "external");
    Shot sameA = shots.get("same_node").stream().filter(s -> s.uid().equals("a")).findFirst().get();
    assertThat(sameA.millis()).isCloseTo(30.0, within(1e-9));
    Shot remoteA =
        shots.get("remote_node").stream().filter(s -> s.uid().equals("a")).findFirst().get();
    assertThat(remoteA.note())
        .isEqualTo("ping could not run: cannot run nsenter: No such file or directory");
    assertThat(shots.get("service").stream().map(Shot::note))
        .containsOnly("no control service", "no netns: the shim's verbose status names no netns");
    assertThat(shots.get("same_node").stream().filter(s -> s.uid().equals("c")).map(Shot::note))
        .containsExactly("no netns: the shim's verbose status names no netns");
  }

  /** A ping of 10.0.1.2 whose namespace was known 2 ms after RunPodSandbox returned. */
  private static Shot shot(Exec.Result r) {
    return RawProbes.shot(
        "u", RawPingTarget.of("10.0.1.2", "k"), RETURNED_US, RETURNED_US + 2_000, r);
  }

  private static Exec.Result result(int code, String out, String err) {
    return new Exec.Result(List.of("ping"), code, out, err);
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
